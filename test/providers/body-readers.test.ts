import { describe, expect, it } from 'vitest';
import type { FrameDecoder, FrameHandler } from '../../src/main/core/providers/frame-decoder';
import { createJsonBodyReader } from '../../src/main/core/providers/json-body-reader';
import { createNdjsonLineReader } from '../../src/main/core/providers/ndjson-line-reader';

function drive(make: (h: FrameHandler) => FrameDecoder, text: string, cuts: number[]) {
  const events: string[] = [];
  const oversized: number[] = [];
  const reader = make({ onEvent: (d) => events.push(d), onOversized: (l) => oversized.push(l) });
  const bytes = new TextEncoder().encode(text);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.push(bytes.subarray(from, cut));
    from = cut;
  }
  reader.end();
  return { events, oversized };
}

describe('NDJSON line reader', () => {
  it('splits lines across chunks, inside multi-byte characters, with CRLF and blank lines', () => {
    const text = '{"a":"ü"}\r\n\n{"b":"🌍"}\n{"c":3}\n';
    const { events } = drive((h) => createNdjsonLineReader(h), text, [1, 8, 9, 10, 17, 19]);
    expect(events).toEqual(['{"a":"ü"}', '{"b":"🌍"}', '{"c":3}']);
  });

  it('takes a last line without newline only when it is whole JSON', () => {
    expect(drive((h) => createNdjsonLineReader(h), '{"a":1}\n{"done":true}', []).events).toEqual(['{"a":1}', '{"done":true}']);
    expect(drive((h) => createNdjsonLineReader(h), '{"a":1}\n{"done":tr', []).events).toEqual(['{"a":1}']);
  });

  it('reports a line over the size limit', () => {
    const { events, oversized } = drive((h) => createNdjsonLineReader(h, 100), `${'x'.repeat(300)}\n{"a":1}\n`, [50, 150]);
    expect(oversized).toEqual([100]);
    expect(events).toEqual([]);
  });
});

describe('JSON body reader', () => {
  it('delivers the whole body once, at the end, with split characters intact', () => {
    const { events } = drive((h) => createJsonBodyReader(h), '{"text":"naïve 🌍"}', [11, 12, 17, 18]);
    expect(events).toEqual(['{"text":"naïve 🌍"}']);
  });

  it('delivers nothing for an empty body', () => {
    expect(drive((h) => createJsonBodyReader(h), '  \n', []).events).toEqual([]);
  });
});
