import { describe, expect, it } from 'vitest';
import type { FrameHandler } from '../../src/main/core/providers/frame-decoder';
import { createSseEventReader } from '../../src/main/core/providers/sse-event-reader';

interface Seen {
  events: Array<{ data: string; event: string | undefined }>;
  oversized: number[];
}

function collector(): { seen: Seen; handler: FrameHandler } {
  const seen: Seen = { events: [], oversized: [] };
  return {
    seen,
    handler: {
      onEvent: (data, event) => seen.events.push({ data, event }),
      onOversized: (limit) => seen.oversized.push(limit),
    },
  };
}

/** Feeds `text` as UTF-8 cut at the given byte offsets. */
function feed(text: string, cuts: number[], maxEventChars?: number) {
  const { seen, handler } = collector();
  const reader = createSseEventReader(handler, maxEventChars);
  const bytes = new TextEncoder().encode(text);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.push(bytes.subarray(from, cut));
    from = cut;
  }
  reader.end();
  return { seen, reader };
}

describe('SSE event reader', () => {
  it('keeps a UTF-8 character whole when a chunk ends inside it', () => {
    const text = 'data: {"t":"€🌍"}\n\n';
    const euro = new TextEncoder().encode('data: {"t":"').length;
    // Cut after the first byte of € (3 bytes) and after the second byte of 🌍 (4 bytes).
    const { seen } = feed(text, [euro + 1, euro + 3 + 2]);
    expect(seen.events).toEqual([{ data: '{"t":"€🌍"}', event: undefined }]);
  });

  it('reads an event whose "data:" field name is split across chunks', () => {
    const { seen } = feed('da' + 'ta: one\n\ndata: two\n\n', [2, 3, 4, 5, 12]);
    expect(seen.events.map((e) => e.data)).toEqual(['one', 'two']);
  });

  it('joins multi-line data with a newline and keeps the event name', () => {
    const { seen } = feed('event: message_delta\ndata: first\ndata:second\ndata:  third\n\n', [25]);
    expect(seen.events).toEqual([{ data: 'first\nsecond\n third', event: 'message_delta' }]);
  });

  it('skips comments such as OpenRouter keep-alives', () => {
    const { seen, reader } = feed(': OPENROUTER PROCESSING\n\ndata: a\n\n: OPENROUTER PROCESSING\n\ndata: b\n\n', [10, 30]);
    expect(seen.events.map((e) => e.data)).toEqual(['a', 'b']);
    expect(reader.strayText).toBe('');
  });

  it('accepts CRLF and lone CR line endings, even with CR and LF in different chunks', () => {
    const text = 'data: crlf\r\n\r\ndata: cr\r\rdata: mixed\r\n\n';
    const { seen } = feed(text, [11, 12, 13, 14]);
    expect(seen.events.map((e) => e.data)).toEqual(['crlf', 'cr', 'mixed']);
  });

  it('reads an event larger than 1 MB cut into 64 KiB chunks', () => {
    const big = 'ж'.repeat(700_000); // 1.4 MB of two-byte characters
    const text = `data: {"content":"${big}"}\n\ndata: [DONE]\n\n`;
    const length = new TextEncoder().encode(text).length;
    const cuts: number[] = [];
    for (let at = 65_536; at < length; at += 65_536) cuts.push(at);
    const { seen } = feed(text, cuts);
    expect(seen.events).toHaveLength(2);
    expect(seen.events[0]?.data).toBe(`{"content":"${big}"}`);
    expect(seen.events[1]?.data).toBe('[DONE]');
  });

  it('reports an event over the size limit once and reads nothing after it', () => {
    const { seen } = feed(`data: ${'x'.repeat(5_000)}\n\ndata: after\n\n`, [100, 2_000], 1_000);
    expect(seen.oversized).toEqual([1_000]);
    expect(seen.events).toEqual([]);
  });

  it('counts the size limit in bytes: data lines so far and a line still held', () => {
    // 400 three-byte characters are 1,200 bytes, over a 1,000-byte limit, in one chunk.
    expect(feed(`data: ${'€'.repeat(400)}\n\n`, [], 1_000).seen.oversized).toEqual([1_000]);
    // 200 short data lines of one event, each far under the limit, together over it.
    expect(feed(`${'data: 0123456789\n'.repeat(200)}\n`, [], 1_000).seen).toEqual({ events: [], oversized: [1_000] });
    // Events each under the limit pass, however many.
    expect(feed('data: 0123456789\n\n'.repeat(200), [], 1_000).seen.events).toHaveLength(200);
  });

  it('dispatches a last line ended by a lone CR, as it does one ended by LF', () => {
    expect(feed('data: [DONE]\r', []).seen.events.map((e) => e.data)).toEqual(['[DONE]']);
    expect(feed('data: a\r\rdata: [DONE]\r', [8]).seen.events.map((e) => e.data)).toEqual(['a', '[DONE]']);
  });

  it('dispatches a last complete line whose blank line never came, but not a cut one', () => {
    expect(feed('data: [DONE]\n', []).seen.events.map((e) => e.data)).toEqual(['[DONE]']);
    expect(feed('data: {"cut":', []).seen.events).toEqual([]);
  });

  it('keeps the start of text that is not an event stream', () => {
    const { seen, reader } = feed('<html>\n<title>Login</title>\n</html>\n', [5]);
    expect(seen.events).toEqual([]);
    expect(reader.strayText).toBe('<html>\n<title>Login</title>\n</html>\n');
    expect(reader.events).toBe(0);
  });

  it('strips a UTF-8 byte order mark', () => {
    const { seen } = feed('\uFEFFdata: x\n\n', [1]);
    expect(seen.events.map((e) => e.data)).toEqual(['x']);
  });
});
