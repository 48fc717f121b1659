import { countTextTokens } from '../tokens/count-tokens';
import type { TokenCountCache } from '../tokens/token-count-cache';
import { AttachmentReadError } from './attachment-read-error';

export interface TextFileTokenEstimate {
  readonly tokens: number;
  /** The vendor wraps an attached file in its own framing, which no one publishes. */
  readonly estimated: true;
  /** Whether the text itself was counted by the model's own tokenizer (OpenAI families). */
  readonly exactTokenizer: boolean;
}

/** The decoded text of a text-like attachment; anything that is not UTF-8 is refused, not guessed. */
export function decodeTextFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AttachmentReadError(
      'not-utf8-text',
      'This file is not UTF-8 text, so it cannot be sent as text. Save it as UTF-8, or attach it as a PDF or image.',
    );
  }
}

/** A text file's tokens, by the same tokenizer the pre-flight uses for the typed message. */
export function estimateTextFileTokens(model: string, bytes: Uint8Array, cache?: TokenCountCache): TextFileTokenEstimate {
  const count = countTextTokens(model, decodeTextFile(bytes), cache);
  return { tokens: count.tokens, estimated: true, exactTokenizer: count.exact };
}
