import type { JsonObject } from './json-guards';

/** The keys a plain content chunk may carry besides `choices`: what OpenAI-style servers repeat in every chunk. */
const CHUNK_KEYS: ReadonlySet<string> = new Set(['id', 'object', 'created', 'model', 'service_tier', 'system_fingerprint', 'choices', 'usage', 'obfuscation']);
const CHOICE_KEYS: ReadonlySet<string> = new Set(['index', 'delta', 'logprobs', 'finish_reason']);
/**
 * OpenAI pads every chunk with random characters in `obfuscation` (on by default, against
 * side-channel attacks that read answer lengths off packet sizes; we keep it on). It varies from
 * chunk to chunk and means nothing: a second hole in the frame, checked and skipped.
 */
const IGNORED_KEY = '"obfuscation":';
const CONTENT_KEY = '"content":';
/** What a JSON string body may not hold raw: its quote, its escape, control characters. */
const NEEDS_DECODING = /["\\\u0000-\u001f]/;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

type Hole = 'content' | 'ignored';

/**
 * An OpenAI-style stream is thousands of chunks that differ only in their text (and OpenAI's
 * padding): the same id, model and fingerprint, `"delta":{"content":"…"}`, finish_reason null.
 * Once one such chunk has been read with JSON.parse, the text around its string values that vary
 * is known: the frame. A later event made of exactly that frame around valid JSON string bodies is
 * the same chunk with other values, so its content is read from its body without parsing the
 * chunk again. The equivalence is exact: a valid string body ends at its first unescaped quote,
 * so JSON.parse would read the whole event as the learned chunk with these values. Anything else
 * (a finish reason, usage, another field, a second choice) does not match, and is read whole.
 */
export class ContentChunkTemplate {
  /** The frame's texts: before the first hole, between holes (quotes included), after the last. */
  private pieces: string[] | undefined;
  private pieceBytes: Buffer[] | undefined;
  private holes: Hole[] = [];

  /** The event's content when it is the learned chunk with other values; undefined otherwise. */
  match(data: string): string | undefined {
    const { pieces, holes } = this;
    if (pieces === undefined) return undefined;
    let at = 0;
    let content: string | undefined;
    for (let i = 0; i < holes.length; i++) {
      const piece = pieces[i]!;
      if (!data.startsWith(piece, at)) return undefined;
      at += piece.length;
      const end = closingQuote(data, at);
      if (end < 0) return undefined;
      const body = data.slice(at, end);
      const value = NEEDS_DECODING.test(body) ? decodeBody(body) : body;
      if (value === undefined) return undefined;
      if (holes[i] === 'content') content = value;
      at = end;
    }
    const last = pieces[holes.length]!;
    return at + last.length === data.length && data.startsWith(last, at) ? content : undefined;
  }

  /**
   * The same match on an event still in its bytes, bytes[start, end). UTF-8 keeps the equivalence:
   * every piece starts and ends on an ASCII character, so the bytes hold the pieces exactly where
   * the decoded text does; only the content's body is decoded.
   */
  matchBytes(bytes: Buffer, start: number, end: number): string | undefined {
    const { pieceBytes, holes } = this;
    if (pieceBytes === undefined) return undefined;
    let at = start;
    let content: string | undefined;
    for (let i = 0; i < holes.length; i++) {
      const piece = pieceBytes[i]!;
      if (at + piece.length > end || bytes.compare(piece, 0, piece.length, at, at + piece.length) !== 0) return undefined;
      at += piece.length;
      const close = closingQuoteByte(bytes, at, end);
      if (close < 0) return undefined;
      let plain = true;
      for (let k = at; k < close; k++) {
        const byte = bytes[k]!;
        if (byte === BACKSLASH || byte < 0x20) {
          plain = false;
          break;
        }
      }
      if (plain) {
        if (holes[i] === 'content') content = bytes.toString('utf8', at, close);
      } else {
        const value = decodeBody(bytes.toString('utf8', at, close));
        if (value === undefined) return undefined;
        if (holes[i] === 'content') content = value;
      }
      at = close;
    }
    const last = pieceBytes[holes.length]!;
    return at + last.length === end && bytes.compare(last, 0, last.length, at, end) === 0 ? content : undefined;
  }

  /** After `data` was read the slow way into `chunk`: learns its frame when it is a plain content chunk. */
  learn(data: string, chunk: JsonObject): void {
    const content = plainContent(chunk);
    if (content === undefined) return;
    const found: { at: number; end: number; hole: Hole }[] = [];
    const contentToken = stringValueAfter(data, CONTENT_KEY);
    if (contentToken === undefined || JSON.parse(data.slice(contentToken.at - 1, contentToken.end + 1)) !== content) return;
    found.push({ ...contentToken, hole: 'content' });
    if (typeof chunk.obfuscation === 'string') {
      const padding = stringValueAfter(data, IGNORED_KEY);
      if (padding === undefined || JSON.parse(data.slice(padding.at - 1, padding.end + 1)) !== chunk.obfuscation) return;
      found.push({ ...padding, hole: 'ignored' });
    }
    found.sort((a, b) => a.at - b.at);
    const pieces: string[] = [];
    let from = 0;
    for (const hole of found) {
      pieces.push(data.slice(from, hole.at));
      from = hole.end;
    }
    pieces.push(data.slice(from));
    this.pieces = pieces;
    this.pieceBytes = pieces.map((piece) => Buffer.from(piece, 'utf8'));
    this.holes = found.map((hole) => hole.hole);
  }
}

/**
 * The body of the string value after `key`, as [at, end): after its opening quote, up to its
 * closing one. Undefined when the key is not there exactly once or its value is not a string.
 */
function stringValueAfter(data: string, key: string): { at: number; end: number } | undefined {
  const found = data.indexOf(key);
  if (found < 0 || data.indexOf(key, found + 1) >= 0) return undefined;
  const open = found + key.length;
  if (data.charCodeAt(open) !== QUOTE) return undefined;
  const end = closingQuote(data, open + 1);
  return end < 0 ? undefined : { at: open + 1, end };
}

/** The text of a chunk that carries nothing but one choice's text delta; undefined for any other chunk. */
function plainContent(chunk: JsonObject): string | undefined {
  for (const key of Object.keys(chunk)) if (!CHUNK_KEYS.has(key)) return undefined;
  if (chunk.usage !== undefined && chunk.usage !== null) return undefined;
  if (chunk.obfuscation !== undefined && typeof chunk.obfuscation !== 'string') return undefined;
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

/** A body with escapes (or what only looks like one): its string if it is a valid JSON string body. */
function decodeBody(body: string): string | undefined {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

/** The first quote at or after `from` that no backslash escapes; -1 if none. */
function closingQuote(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (at - backslashes - 1 >= from && text.charCodeAt(at - backslashes - 1) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

function closingQuoteByte(bytes: Buffer, from: number, end: number): number {
  for (let at = bytes.indexOf(QUOTE, from); at >= 0 && at < end; at = bytes.indexOf(QUOTE, at + 1)) {
    let backslashes = 0;
    while (at - backslashes - 1 >= from && bytes[at - backslashes - 1] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}
