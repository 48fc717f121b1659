import { describe, expect, it } from 'vitest';
import { createSseEventReader } from '../../src/main/core/providers/sse-event-reader';
import { splitAtRandom } from '../fake-provider/seeded-split';
import { seededRandom } from '../helpers/seeded-random';

interface Parsed {
  events: Array<{ data: string; event: string | undefined }>;
  strayText: string;
}

/**
 * The WHATWG event-stream rules applied to the whole body at once, as plainly as they read:
 * decode everything, cut lines at CRLF, CR or LF, interpret each line. The one rule of ours on
 * top: a body that ends right after a complete line dispatches the event it was building.
 */
function referenceParse(body: Uint8Array): Parsed {
  const text = new TextDecoder().decode(body); // drops a leading byte order mark, as the spec says
  const lines = text.split(/\r\n|\r|\n/);
  const endedOnLineEnd = lines.pop() === '';
  const parsed: Parsed = { events: [], strayText: '' };
  let data: string[] = [];
  let event: string | undefined;
  const dispatch = () => {
    if (data.length > 0) parsed.events.push({ data: data.join('\n'), event });
    data = [];
    event = undefined;
  };
  for (const line of lines) {
    if (line === '') {
      dispatch();
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value === '' ? undefined : value;
    else if (field === 'id' || (field === 'retry' && /^\d+$/.test(value))) continue;
    else if (parsed.strayText.length < 200) parsed.strayText = `${parsed.strayText}${line}\n`.slice(0, 200);
  }
  if (endedOnLineEnd) dispatch();
  return parsed;
}

/**
 * How the handler takes the events the reader offers as bytes (a one-line data event whole in one
 * chunk): never (no onDataBytes), always, or a seeded coin toss per event, declining the rest.
 * Whichever, the events must come out the same.
 */
type BytesMode = 'none' | 'all' | { seed: number };
let takenAsBytes = 0;

function readInPieces(pieces: Uint8Array[], mode: BytesMode = 'none'): Parsed {
  const parsed: Parsed = { events: [], strayText: '' };
  const toss = typeof mode === 'object' ? seededRandom(mode.seed) : undefined;
  const reader = createSseEventReader({
    onEvent: (data, event) => parsed.events.push({ data, event }),
    onOversized: () => {
      throw new Error('no event here is near the limit');
    },
    ...(mode === 'none'
      ? {}
      : {
          onDataBytes: (bytes: Buffer, start: number, end: number) => {
            if (toss && toss() < 0.5) return false;
            parsed.events.push({ data: bytes.toString('utf8', start, end), event: undefined });
            takenAsBytes++;
            return true;
          },
        }),
  });
  for (const piece of pieces) reader.push(piece);
  reader.end();
  parsed.strayText = reader.strayText;
  expect(reader.events).toBe(parsed.events.length);
  return parsed;
}

const encoder = new TextEncoder();
const TEXTS = ['{"choices":[{"delta":{"content":"hi"}}]}', '[DONE]', 'café', ' naïve', '世界', '🌍🚀', ' two  spaces', 'a:b:c', '', '\uFEFFmark', 'ж'.repeat(40)];
const ENDINGS = ['\n', '\r\n', '\r'];

/** Bytes that are not UTF-8 (a lone continuation, a cut three-byte character, an invalid lead). */
const BROKEN = [[0x80], [0xe2, 0x82], [0xff], [0xf0, 0x9f, 0x8c]];

/** A random body of SSE lines: every field kind, every line ending, some bytes not UTF-8. */
function randomBody(seed: number): Uint8Array {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const parts: number[][] = [];
  const add = (text: string) => parts.push([...encoder.encode(text)]);
  if (random() < 0.2) add('\uFEFF');
  const lines = 5 + Math.floor(random() * 60);
  for (let i = 0; i < lines; i++) {
    const roll = random();
    if (roll < 0.4) add(`data:${pick(['', ' ', '  '])}${pick(TEXTS)}`);
    else if (roll < 0.5) add(`event:${pick(['', ' '])}${pick(['message_delta', 'content_block_delta', '', 'ping'])}`);
    else if (roll < 0.55) add(`id: ${pick(['1', 'abc', ''])}`);
    else if (roll < 0.6) add(`retry: ${pick(['3000', 'soon', ''])}`);
    else if (roll < 0.65) add(`: ${pick(['OPENROUTER PROCESSING', 'keep-alive', 'café'])}`);
    else if (roll < 0.7) add(pick(['data', 'event', '<html>', 'Data: x', 'data :x', '{"error":"oops"}']));
    else if (roll < 0.75) {
      add('data: ');
      parts.push(pick(BROKEN));
      add(pick(TEXTS));
    } else {
      add(''); // a blank line: the event ends
    }
    add(pick(ENDINGS));
    if (random() < 0.3) add(pick(ENDINGS));
  }
  // Bodies end every way a server may stop: after the blank line, after a line, in a line.
  const end = random();
  if (end < 0.3) add(`data: last${pick(ENDINGS)}${pick(ENDINGS)}`);
  else if (end < 0.6) add(`data: last${pick(ENDINGS)}`);
  else if (end < 0.8) add('data: {"cut":');
  else if (end < 0.9) parts.push([0xe2, 0x82]);
  return Uint8Array.from(parts.flat());
}

describe('SSE event reader against a reference parse', () => {
  const SEEDS = Array.from({ length: 400 }, (_, i) => 7000 + i);

  it('reads every random body the same, whole or cut anywhere (inside characters and CRLF pairs too)', () => {
    let events = 0;
    for (const seed of SEEDS) {
      const body = randomBody(seed);
      const expected = referenceParse(body);
      events += expected.events.length;
      expect(readInPieces([body]), `seed ${seed}, whole`).toEqual(expected);
      expect(readInPieces(splitAtRandom(body, seed, 7)), `seed ${seed}, small pieces`).toEqual(expected);
      expect(readInPieces(splitAtRandom(body, seed + 1, 300)), `seed ${seed}, large pieces`).toEqual(expected);
      expect(readInPieces(Array.from(body, (byte) => Uint8Array.of(byte))), `seed ${seed}, byte by byte`).toEqual(expected);
      for (const mode of ['all', { seed }] as const) {
        expect(readInPieces([body], mode), `seed ${seed}, whole, events as bytes: ${JSON.stringify(mode)}`).toEqual(expected);
        expect(readInPieces(splitAtRandom(body, seed + 2, 300), mode), `seed ${seed}, large pieces, events as bytes: ${JSON.stringify(mode)}`).toEqual(expected);
      }
    }
    // The generator must produce real streams, not mostly stray lines, and the bytes path must be taken.
    expect(events).toBeGreaterThan(SEEDS.length * 5);
    expect(takenAsBytes).toBeGreaterThan(SEEDS.length);
  });

  it('reads a chunk that is a view into a larger buffer only within its bounds', () => {
    const backing = encoder.encode('data: before\n\ndata: inside\n\ndata: after\n\n');
    const start = 'data: before\n\n'.length;
    const view = backing.subarray(start, start + 'data: inside\n\n'.length);
    expect(readInPieces([view]).events).toEqual([{ data: 'inside', event: undefined }]);
  });
});
