import type { ChatMessage, ProviderKind, WireAttachment } from './provider-types';
import { textAttachmentBlock } from './text-attachment';

/**
 * A message's files in the OpenAI family's content parts, after the message's own text. OpenAI
 * and OpenRouter document images as `image_url: {url}` (a data URL) and PDFs as
 * `file: {filename, file_data}`; Mistral documents `image_url` as the URL string itself and
 * PDFs as `document_url`; Perplexity takes PDFs as `file_url` holding the bare base64 (its
 * media guide, and the AI SDK's Perplexity provider). A text file is one more text part, shaped
 * as every vendor gets it.
 */
export type ChatContentPart =
  | { type: 'text'; text: string; cache_control?: CacheMark }
  | { type: 'image_url'; image_url: { url: string } | string; cache_control?: CacheMark }
  | { type: 'file'; file: { filename: string; file_data: string }; cache_control?: CacheMark }
  | { type: 'document_url'; document_url: string; cache_control?: CacheMark }
  | { type: 'file_url'; file_url: { url: string }; file_name: string; cache_control?: CacheMark };

/** The Responses API's input parts: `input_text`, `input_image` (a data URL), `input_file` (a PDF as a data URL). */
export type ResponsesContentPart =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url: string }
  | { type: 'input_file'; filename: string; file_data: string };

type CacheMark = { type: 'ephemeral' };

export function hasAttachments(message: ChatMessage): boolean {
  return (message.attachments?.length ?? 0) > 0;
}

/**
 * Chat Completions parts of a message with files. OpenRouter passes `cache_control` on to
 * Anthropic, and a breakpoint caches the prompt through the block that carries it: the last one.
 */
export function chatContentParts(kind: ProviderKind, message: ChatMessage): ChatContentPart[] {
  const parts: ChatContentPart[] = leadingText(message).map((text) => ({ type: 'text', text }));
  for (const file of message.attachments ?? []) parts.push(chatAttachmentPart(kind, file));
  const last = parts[parts.length - 1];
  if (kind === 'openrouter' && message.cacheBreakpoint && last) parts[parts.length - 1] = { ...last, cache_control: { type: 'ephemeral' } };
  return parts;
}

export function responsesContentParts(message: ChatMessage): ResponsesContentPart[] {
  const parts: ResponsesContentPart[] = leadingText(message).map((text) => ({ type: 'input_text', text }));
  for (const file of message.attachments ?? []) parts.push(responsesAttachmentPart(file));
  return parts;
}

/** A message sent only for its files has no text of its own; an empty text part is left out. */
function leadingText(message: ChatMessage): string[] {
  return message.content === '' ? [] : [message.content];
}

function chatAttachmentPart(kind: ProviderKind, file: WireAttachment): ChatContentPart {
  switch (file.kind) {
    case 'text':
      return { type: 'text', text: textAttachmentBlock(file) };
    case 'image':
      return kind === 'mistral'
        ? { type: 'image_url', image_url: dataUrl(file.mime, file.base64) }
        : { type: 'image_url', image_url: { url: dataUrl(file.mime, file.base64) } };
    case 'pdf':
      return chatPdfPart(kind, file);
  }
}

function chatPdfPart(kind: ProviderKind, file: Extract<WireAttachment, { kind: 'pdf' }>): ChatContentPart {
  switch (kind) {
    case 'mistral':
      return { type: 'document_url', document_url: dataUrl(file.mime, file.base64) };
    case 'perplexity':
      return { type: 'file_url', file_url: { url: file.base64 }, file_name: file.name };
    default:
      return { type: 'file', file: { filename: file.name, file_data: dataUrl(file.mime, file.base64) } };
  }
}

function responsesAttachmentPart(file: WireAttachment): ResponsesContentPart {
  switch (file.kind) {
    case 'text':
      return { type: 'input_text', text: textAttachmentBlock(file) };
    case 'image':
      return { type: 'input_image', image_url: dataUrl(file.mime, file.base64) };
    case 'pdf':
      return { type: 'input_file', filename: file.name, file_data: dataUrl(file.mime, file.base64) };
  }
}

function dataUrl(mime: string, base64: string): string {
  return `data:${mime};base64,${base64}`;
}
