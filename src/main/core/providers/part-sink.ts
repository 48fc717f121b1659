import { malformedEventError, type ErrorContext } from './error-factory';
import type { ProviderError } from './provider-error';
import type { AnswerSource } from '../../../shared/answer-source';
import type { FinishReason, ProviderUsage, StreamPart, TerminalPart } from './provider-types';
import { redactPayload } from './secret-redaction';

/**
 * Where an adapter session puts what it reads. Parts collect into a batch the driver hands on
 * after each network chunk; consecutive deltas of one kind in a batch join into one part, so a
 * chunk of many tiny events costs one yield. Nothing is taken after the terminal part.
 */
export class PartSink {
  terminal: TerminalPart | undefined;
  /** The latest merged usage, carried by the terminal part whichever it is. */
  usage: ProviderUsage | undefined;
  private batch: StreamPart[] = [];
  /**
   * The texts of the batch's last part while it is a delta, joined once when the part is done:
   * a chunk's hundreds of small deltas then leave one flat string, not a chain of joins that
   * lives as long as the answer and that every young-generation collection copies again.
   */
  private pieces: string[] = [];

  constructor(readonly ctx: ErrorContext) {}

  text(text: string): void {
    this.delta('text-delta', text);
  }

  reasoning(text: string): void {
    this.delta('reasoning-delta', text);
  }

  reportUsage(reported: ProviderUsage): void {
    if (this.terminal) return;
    this.closeDelta();
    // The raw object is stored on the ledger row as the vendor sent it, less any secret it quotes.
    const usage = { ...reported, raw: redactPayload(this.ctx.secrets, reported.raw) };
    this.usage = usage;
    this.batch.push({ type: 'usage', usage });
  }

  citations(citations: AnswerSource[]): void {
    if (this.terminal) return;
    this.closeDelta();
    this.batch.push({ type: 'citations', citations });
  }

  finish(finishReason: FinishReason): void {
    if (this.terminal) return;
    this.terminal = this.usage ? { type: 'finish', finishReason, usage: this.usage } : { type: 'finish', finishReason };
  }

  fail(error: ProviderError): void {
    if (this.terminal) return;
    this.terminal = this.usage ? { type: 'error', error, usage: this.usage } : { type: 'error', error };
  }

  /** One event's JSON; a malformed event ends the call with a protocol error (undefined here). */
  parse(data: string): unknown {
    try {
      return JSON.parse(data) as unknown;
    } catch {
      this.fail(malformedEventError(this.ctx, data));
      return undefined;
    }
  }

  /** The parts gathered since the last drain, terminal excluded. */
  drain(): StreamPart[] {
    this.closeDelta();
    const parts = this.batch;
    if (parts.length > 0) this.batch = [];
    return parts;
  }

  private delta(type: 'text-delta' | 'reasoning-delta', text: string): void {
    if (text.length === 0 || this.terminal) return;
    if (this.pieces.length > 0 && this.batch[this.batch.length - 1]?.type === type) {
      this.pieces.push(text);
      return;
    }
    this.closeDelta();
    this.batch.push({ type, text });
    this.pieces.push(text);
  }

  private closeDelta(): void {
    if (this.pieces.length === 0) return;
    const last = this.batch[this.batch.length - 1];
    if (this.pieces.length > 1 && (last?.type === 'text-delta' || last?.type === 'reasoning-delta')) last.text = this.pieces.join('');
    this.pieces = [];
  }
}
