import type { JsonObject } from './json-guards';

/** The keys a plain content chunk may carry besides `choices`: what OpenAI-style servers repeat in every chunk. */
const CHUNK_KEYS: ReadonlySet<string> = new Set(['id', 'object', 'created', 'model', 'service_tier', 'system_fingerprint', 'choices', 'usage']);
const CHOICE_KEYS: ReadonlySet<string> = new Set(['index', 'delta', 'logprobs', 'finish_reason']);
const CONTENT_KEY = '"content":';
/** What a JSON string body may not hold raw: its quote, its escape, control characters. */
const NEEDS_DECODING = /["\\\u0000-\u001f]/;

/**
 * An OpenAI-style stream is thousands of chunks that differ only in their text: the same id,
 * model and fingerprint, `"delta":{"content":"…"}`, finish_reason null. Once one such chunk has
 * been read with JSON.parse, the text before and after its content string is known; a later
 * event with exactly that text around a valid string body is the same chunk with other content,
 * so its content is the body itself, read without parsing the chunk again. The equivalence is
 * exact: a body that is a valid JSON string (every quote escaped) ends where the learned suffix
 * begins, so JSON.parse would read the whole event as the learned chunk with this content.
 * Anything else (a finish reason, usage, another field, a second choice) does not match, and is
 * read the slow way.
 */
export class ContentChunkTemplate {
  private prefix: string | undefined;
  private suffix: string | undefined;
  /** The frame as UTF-8, to match an event in the bytes it came in, before any decoding. */
  private prefixBytes: Buffer | undefined;
  private suffixBytes: Buffer | undefined;

  /** The event's content when it is the learned chunk with another text; undefined otherwise. */
  match(data: string): string | undefined {
    const { prefix, suffix } = this;
    if (prefix === undefined || suffix === undefined) return undefined;
    if (data.length < prefix.length + suffix.length || !data.startsWith(prefix) || !data.endsWith(suffix)) return undefined;
    const body = data.slice(prefix.length, data.length - suffix.length);
    return NEEDS_DECODING.test(body) ? this.decodeBody(body) : body;
  }

  /** A body with escapes (or what only looks like one): its string if it is a valid JSON string body. */
  private decodeBody(body: string): string | undefined {
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      return undefined;
    }
  }

  /**
   * The same match on an event still in its bytes, bytes[start, end). UTF-8 keeps the equivalence:
   * the frame ends and starts on an ASCII quote, so the bytes start and end with the frame's
   * bytes exactly when the decoded text starts and ends with the frame; only the body is decoded.
   */
  matchBytes(bytes: Buffer, start: number, end: number): string | undefined {
    const { prefixBytes, suffixBytes } = this;
    if (prefixBytes === undefined || suffixBytes === undefined) return undefined;
    const bodyStart = start + prefixBytes.length;
    const bodyEnd = end - suffixBytes.length;
    if (bodyEnd < bodyStart) return undefined;
    if (bytes.compare(prefixBytes, 0, prefixBytes.length, start, bodyStart) !== 0) return undefined;
    if (bytes.compare(suffixBytes, 0, suffixBytes.length, bodyEnd, end) !== 0) return undefined;
    for (let at = bodyStart; at < bodyEnd; at++) {
      const byte = bytes[at]!;
      if (byte === 0x22 || byte === 0x5c || byte < 0x20) return this.decodeBody(bytes.toString('utf8', bodyStart, bodyEnd));
    }
    return bytes.toString('utf8', bodyStart, bodyEnd);
  }

  /** After `data` was read the slow way into `chunk`: learns its frame when it is a plain content chunk. */
  learn(data: string, chunk: JsonObject): void {
    const content = plainContent(chunk);
    if (content === undefined) return;
    const key = data.indexOf(CONTENT_KEY);
    if (key < 0 || data.indexOf(CONTENT_KEY, key + 1) >= 0) return;
    const start = key + CONTENT_KEY.length;
    if (data[start] !== '"') return;
    const end = stringEnd(data, start);
    if (end < 0 || JSON.parse(data.slice(start, end + 1)) !== content) return;
    this.prefix = data.slice(0, start + 1);
    this.suffix = data.slice(end);
    this.prefixBytes = Buffer.from(this.prefix, 'utf8');
    this.suffixBytes = Buffer.from(this.suffix, 'utf8');
  }
}

/** The text of a chunk that carries nothing but one choice's text delta; undefined for any other chunk. */
function plainContent(chunk: JsonObject): string | undefined {
  for (const key of Object.keys(chunk)) if (!CHUNK_KEYS.has(key)) return undefined;
  if (chunk.usage !== undefined && chunk.usage !== null) return undefined;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice: unknown = choices[0];
  if (typeof choice !== 'object' || choice === null || Array.isArray(choice)) return undefined;
  const fields = choice as JsonObject;
  for (const key of Object.keys(fields)) if (!CHOICE_KEYS.has(key)) return undefined;
  if ((fields.logprobs ?? null) !== null || (fields.finish_reason ?? null) !== null) return undefined;
  const delta = fields.delta;
  if (typeof delta !== 'object' || delta === null || Array.isArray(delta)) return undefined;
  const keys = Object.keys(delta);
  const content = (delta as JsonObject).content;
  return keys.length === 1 && typeof content === 'string' ? content : undefined;
}

/** The index of the quote that closes the JSON string opening at `start`; -1 if it does not close. */
function stringEnd(text: string, start: number): number {
  for (let at = start + 1; at < text.length; at++) {
    const char = text.charCodeAt(at);
    if (char === 0x5c) at++;
    else if (char === 0x22) return at;
  }
  return -1;
}
