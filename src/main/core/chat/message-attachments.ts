import type { AttachmentEstimateView, AttachmentKind, PixelSize } from '../../../shared/attachments';
import { checkAttachments, type AttachmentFacts } from '../attachments/attachment-check';
import { attachmentRules } from '../attachments/attachment-rules';
import type { AttachmentStaging, StagedAttachment } from '../attachments/attachment-staging';
import type { AttachmentStore, NewAttachment, StoredAttachment } from '../attachments/attachment-store';
import { AttachmentReadError } from '../attachments/attachment-read-error';
import { ImageTooLargeError } from '../attachments/image-codecs';
import { readImageDimensions } from '../attachments/image-dimensions';
import { downscaleImage } from '../attachments/image-downscale';
import { estimateImageTokens, type ImageRuleVendor } from '../attachments/image-token-estimate';
import { imageRuleVendor } from '../attachments/image-vendor';
import { countPdfPages } from '../attachments/pdf-page-count';
import { estimatePdfTokens } from '../attachments/pdf-token-estimate';
import type { ProviderKind, WireAttachment } from '../providers/provider-types';
import { textAttachmentBlock } from '../providers/text-attachment';
import { countTextTokens } from '../tokens/count-tokens';
import type { TokenCountCache } from '../tokens/token-count-cache';

export interface AttachmentTarget {
  kind: ProviderKind;
  name: string;
  model: string;
}

/** A staged file made ready for one model: what is sent, what is stored, what it is estimated at. */
export interface PreparedAttachment {
  /** Absent for a file taken over from the message a retry or edit replaces. */
  stagedId?: string;
  estimate: AttachmentEstimateView;
  /** Built only for a send: the bytes as sent (downscaled), to store with the message. */
  stored?: NewAttachment;
}

/** An existing conversation's side of a request: the messages sent again, and the one a retry, regenerate or edit replaces. */
export interface ConversationFiles {
  conversationId: string;
  /** The earlier messages the request sends again, with their files. */
  messageIds: ReadonlySet<string>;
  /** Its files go with the new message, as its text does (Retry, Regenerate, edit-and-resend). */
  replacedMessageId?: string;
}

export interface PreparedAttachments {
  /** The staged files of the new message, in the order given. */
  added: PreparedAttachment[];
  /** Every attachment of the request, earlier turns' included, by the message that carries it (the new one under ''). */
  wire: Map<string, WireAttachment[]>;
  /** Input tokens of every attachment of the request, by each vendor's published rule. */
  tokens: number;
  /** The first reason the model cannot take these files; nothing may be sent while there is one. */
  refusal: string | null;
}

type DownscaledImage = { data: Uint8Array; mime: string; size: PixelSize };

/** Downscaled copies kept in memory: a few megabytes each, enough for the images of a long thread. */
const MAX_DOWNSCALED_COPIES = 48;

/** A file as it will be sent: its bytes read on demand. */
interface SentFile {
  data(): Uint8Array;
  byteLength: number;
  mime: string;
  size: PixelSize | null;
  downscaled: boolean;
}

/** What the token rules need of a file, kept per attachment so a keystroke's estimate reads no file. */
type Facts = { kind: 'image'; size: PixelSize } | { kind: 'pdf'; pages: number } | { kind: 'text'; text: string };

/**
 * The files of a request, from the user's staged picks and the conversation's earlier messages, as
 * the chosen model will get them: checked against its vendor's limits, images downscaled to what the
 * vendor takes, and each one's tokens estimated by the vendor's published rule. A downscaled image is
 * made once per target size and kept until the file is sent or discarded.
 */
export class MessageAttachments {
  private readonly downscaled = new Map<string, Promise<DownscaledImage>>();
  private readonly storedFacts = new Map<string, Facts>();

  constructor(
    private readonly staging: AttachmentStaging,
    private readonly store: AttachmentStore,
    private readonly tokenCache: TokenCountCache,
    private readonly newId: () => string,
  ) {}

  async prepare(
    target: AttachmentTarget,
    stagedIds: readonly string[],
    history: ConversationFiles | null,
    forSend: boolean,
  ): Promise<PreparedAttachments> {
    const vendor = imageRuleVendor(target.kind, target.model);
    const takes = attachmentRules(target.kind, target.model).images.mimes;
    const wire = new Map<string, WireAttachment[]>();
    const facts: AttachmentFacts[] = [];
    let tokens = 0;
    let unreadable: string | null = null;

    // The conversation's files, read once: those of the turns sent again, and the replaced message's.
    const stored = history ? this.store.forConversation(history.conversationId) : new Map<string, StoredAttachment[]>();
    const carried = history?.replacedMessageId === undefined ? [] : (stored.get(history.replacedMessageId) ?? []);
    if (history) {
      // Earlier turns' files go again with every turn, fitted to the model chosen now: a GIF sent
      // to OpenAI goes to Gemini as PNG, an image stored at OpenAI's size is downscaled for Claude.
      for (const [messageId, files] of stored) {
        if (!history.messageIds.has(messageId)) continue;
        const wired: WireAttachment[] = [];
        for (const file of files) {
          const source = this.fromStored(file);
          const fitted = await this.fit(vendor, target.model, source, takes);
          unreadable ??= fitted.error;
          tokens += fitted.tokens;
          facts.push(fitted.facts);
          if (forSend) wired.push(toWire(file.name, fitted.sent.mime, source.facts, () => Buffer.from(fitted.sent.data())));
        }
        wire.set(messageId, wired);
      }
    }

    const added: PreparedAttachment[] = [];
    const newWire: WireAttachment[] = [];
    const newFiles = [...carried.map((file) => this.fromStored(file)), ...stagedIds.map((id) => fromStaged(this.staging.get(id)))];
    for (const file of newFiles) {
      const fitted = await this.fit(vendor, target.model, file, takes);
      const { sent } = fitted;
      unreadable ??= fitted.error;
      tokens += fitted.tokens;
      facts.push(fitted.facts);
      const estimate: AttachmentEstimateView = {
        id: file.key,
        tokens: fitted.tokens,
        downscaledTo: sent.downscaled ? sent.size : null,
        sentAs: sent.mime === file.mime ? null : sent.mime,
        refusal: fitted.error ?? checkAttachments(target.name, target.kind, target.model, [fitted.facts]),
      };
      const prepared: PreparedAttachment = { ...(file.stagedId ? { stagedId: file.stagedId } : {}), estimate };
      if (forSend) {
        const data = sent.data();
        prepared.stored = {
          id: this.newId(),
          kind: file.kind,
          name: file.name,
          mime: sent.mime,
          data,
          size: sent.size,
          original: sent.downscaled && file.size ? (file.original ?? { size: file.size, bytes: file.byteLength }) : file.original,
        };
        newWire.push(toWire(file.name, sent.mime, file.facts, () => Buffer.from(data)));
      }
      added.push(prepared);
    }
    wire.set('', newWire);
    const refusal = unreadable ?? (facts.length ? checkAttachments(target.name, target.kind, target.model, facts) : null);
    return { added, wire, tokens, refusal };
  }

  /** The file is sent (its bytes now live with the message) or removed: its downscaled copies go. */
  forget(fileKey: string): void {
    for (const key of this.downscaled.keys()) if (key.startsWith(`${fileKey}\u0000`)) this.downscaled.delete(key);
  }

  /** One file of the request fitted to the model: as it is sent, its tokens, and what the vendor's limits check. */
  private async fit(
    vendor: ImageRuleVendor,
    model: string,
    file: NewFile,
    takes: readonly string[],
  ): Promise<{ sent: SentFile; error: string | null; tokens: number; facts: AttachmentFacts }> {
    const { sent, error } = await this.sendable(vendor, model, file, takes);
    const checked = factsFor(file.name, sent.mime, sent.byteLength, sent.size ? { kind: 'image', size: sent.size } : file.facts);
    return { sent, error, tokens: this.tokensOf(vendor, model, file.name, file.facts), facts: checked };
  }

  private tokensOf(vendor: ImageRuleVendor, model: string, name: string, facts: Facts): number {
    switch (facts.kind) {
      case 'image':
        return estimateImageTokens(vendor, model, facts.size).tokens;
      case 'pdf':
        return estimatePdfTokens(vendor, model, facts.pages).tokens;
      case 'text':
        return countTextTokens(model, textAttachmentBlock({ kind: 'text', name, text: facts.text }), this.tokenCache).tokens;
    }
  }

  /** The file as it will be sent, or as it is with the reason it cannot be (its pixels do not decode). */
  private async sendable(vendor: ImageRuleVendor, model: string, file: NewFile, takes: readonly string[]): Promise<{ sent: SentFile; error: string | null }> {
    try {
      return { sent: await this.asSent(vendor, model, file, takes), error: null };
    } catch (error) {
      if (!(error instanceof AttachmentReadError || error instanceof ImageTooLargeError)) throw error;
      const asItIs = { data: () => file.bytes(), byteLength: file.byteLength, mime: file.mime, size: file.size, downscaled: false };
      return { sent: asItIs, error: `"${file.name}": ${error.message}` };
    }
  }

  /**
   * The image at the size the vendor takes (made once per size), and as PNG where the vendor does
   * not take its format (a GIF for Gemini, a WebP for xAI): every vendor takes PNG, and a
   * converted image is sent where a refusal would only send the user off to convert it. PDFs and
   * text files as they are. A file sent as it is is read only when it is sent: an estimate, made
   * as the user types, needs its size, not a 30 MB read.
   */
  private async asSent(vendor: ImageRuleVendor, model: string, file: NewFile, takes: readonly string[]): Promise<SentFile> {
    const asItIs = { data: () => file.bytes(), byteLength: file.byteLength, mime: file.mime, downscaled: false };
    if (file.facts.kind !== 'image') return { ...asItIs, size: null };
    const estimate = estimateImageTokens(vendor, model, file.facts.size);
    const taken = takes.includes(file.mime);
    if (!estimate.downscaled && taken) return { ...asItIs, size: file.facts.size };
    const target = estimate.downscaled ? estimate.sentSize : file.facts.size;
    const image = await this.downscaledCopy(`${file.key}\u0000${target.width}x${target.height}`, () => {
      const bytes = file.bytes();
      return downscaleImage(bytes, readImageDimensions(bytes).format, target);
    });
    return { data: () => image.data, byteLength: image.data.byteLength, mime: image.mime, size: image.size, downscaled: estimate.downscaled };
  }

  private fromStored(file: StoredAttachment): NewFile {
    return {
      key: file.view.id,
      name: file.name,
      kind: file.kind,
      mime: file.mime,
      byteLength: file.view.bytes,
      bytes: () => file.read(),
      facts: this.factsOfStored(file),
      size: file.view.size,
      original: file.view.original,
    };
  }

  private downscaledCopy(key: string, make: () => Promise<DownscaledImage>): Promise<DownscaledImage> {
    const known = this.downscaled.get(key);
    if (known) return known;
    const made = make();
    this.downscaled.set(key, made);
    // Earlier turns' images are kept too, for the next turn's estimate: the oldest go past a bound.
    if (this.downscaled.size > MAX_DOWNSCALED_COPIES) this.downscaled.delete(this.downscaled.keys().next().value!);
    // A failed downscale is not kept: the next estimate or Send tries again and reports it.
    made.catch(() => this.downscaled.delete(key));
    return made;
  }

  private factsOfStored(file: StoredAttachment): Facts {
    const cached = this.storedFacts.get(file.view.id);
    if (cached) return cached;
    const facts: Facts =
      file.kind === 'image' && file.view.size
        ? { kind: 'image', size: file.view.size }
        : file.kind === 'pdf'
          ? { kind: 'pdf', pages: countPdfPages(file.read()) }
          : { kind: 'text', text: file.read().toString('utf8') };
    this.storedFacts.set(file.view.id, facts);
    return facts;
  }
}

/** A file of the request: picked now (staged), or stored with an earlier message or the one a retry replaces. */
interface NewFile {
  /** The staged id, or the stored attachment's: names its downscaled copies and its estimate. */
  key: string;
  stagedId?: string;
  name: string;
  kind: AttachmentKind;
  mime: string;
  byteLength: number;
  bytes(): Buffer;
  facts: Facts;
  size: PixelSize | null;
  /** The user's image before an earlier downscale, when it had one. */
  original: { size: PixelSize; bytes: number } | null;
}

function fromStaged(staged: StagedAttachment): NewFile {
  const sniffed = staged.sniffed;
  const facts: Facts =
    sniffed.kind === 'image' ? { kind: 'image', size: sniffed.size } : sniffed.kind === 'pdf' ? { kind: 'pdf', pages: sniffed.pages } : { kind: 'text', text: sniffed.text };
  return {
    key: staged.view.id,
    stagedId: staged.view.id,
    name: staged.view.name,
    kind: staged.view.kind,
    mime: staged.view.mime,
    byteLength: staged.view.bytes,
    bytes: () => staged.bytes(),
    facts,
    size: staged.view.size,
    original: null,
  };
}

function factsFor(name: string, mime: string, bytes: number, facts: Facts): AttachmentFacts {
  return {
    name,
    kind: facts.kind,
    mime,
    bytes,
    ...(facts.kind === 'image' ? { size: facts.size } : {}),
    ...(facts.kind === 'pdf' ? { pages: facts.pages } : {}),
  };
}

function toWire(name: string, mime: string, facts: Facts, read: () => Buffer): WireAttachment {
  switch (facts.kind) {
    case 'image':
      return { kind: 'image', name, mime: mime as Extract<WireAttachment, { kind: 'image' }>['mime'], base64: read().toString('base64') };
    case 'pdf':
      return { kind: 'pdf', name, mime: 'application/pdf', base64: read().toString('base64') };
    case 'text':
      return { kind: 'text', name, text: facts.text };
  }
}
