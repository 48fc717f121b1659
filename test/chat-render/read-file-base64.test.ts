import { describe, expect, it } from 'vitest';
import { readFileBase64 } from '../../src/renderer/src/chat/state/read-file-base64';

/** Bytes that differ at every position, so a slice joined in the wrong place shows. */
function bytesOf(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

const SLICE = 3 * 8192;

describe('readFileBase64', () => {
  it.each([0, 1, 2, 3, 4, SLICE - 1, SLICE, SLICE + 1, SLICE + 2, 3 * SLICE + 2])('encodes %i bytes as one base64 string', async (length) => {
    const bytes = bytesOf(length);
    expect(await readFileBase64(new Blob([bytes]))).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('reads a 30 MB file without overflowing the call stack', async () => {
    const bytes = bytesOf(30 * 1024 * 1024);
    const encoded = await readFileBase64(new Blob([bytes]));
    expect(encoded.length).toBe(Math.ceil(bytes.length / 3) * 4);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
  });
});
