import { describe, expect, it } from 'vitest';
import { AttachmentReadError } from '../../src/main/core/attachments/attachment-read-error';
import { readImageDimensions } from '../../src/main/core/attachments/image-dimensions';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const be16 = (n: number) => [n >> 8, n & 0xff];
const le16 = (n: number) => [n & 0xff, n >> 8];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

/** Signature and IHDR chunk (8-bit RGB), CRC left zero: the reader needs only the header. */
function png(width: number, height: number): Uint8Array {
  return bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], be32(13), ascii('IHDR'), be32(width), be32(height), [8, 2, 0, 0, 0], be32(0));
}

/** SOI, a JFIF APP0, a DHT (C4, not a frame), then the given start-of-frame marker, 3 components. */
function jpeg(width: number, height: number, sof = 0xc0): Uint8Array {
  const app0 = [0xff, 0xe0, ...be16(16), ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const dht = [0xff, 0xc4, ...be16(5), 0x00, 0x00, 0x00];
  const frame = [0xff, sof, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return bytes([0xff, 0xd8], app0, dht, frame, [0xff, 0xd9]);
}

function riff(chunk: string, payload: number[]): Uint8Array {
  return bytes(ascii('RIFF'), le32(4 + 8 + payload.length), ascii('WEBP'), ascii(chunk), le32(payload.length), payload);
}

const webpLossy = (width: number, height: number) =>
  riff('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height), 0, 0]);
const webpLossless = (width: number, height: number) =>
  riff('VP8L', [0x2f, ...le32((width - 1) | ((height - 1) << 14)), 0]);
const webpExtended = (width: number, height: number) => {
  const w = width - 1;
  const h = height - 1;
  return riff('VP8X', [0x10, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, w >> 16, h & 0xff, (h >> 8) & 0xff, h >> 16]);
};
const gif = (width: number, height: number) => bytes(ascii('GIF89a'), le16(width), le16(height), [0, 0, 0], [0x3b]);

function failureOf(data: Uint8Array): { failure: string; message: string } {
  try {
    readImageDimensions(data);
  } catch (error) {
    if (error instanceof AttachmentReadError) return { failure: error.failure, message: error.message };
    throw error;
  }
  throw new Error('expected the read to fail');
}

describe('readImageDimensions', () => {
  it('reads a PNG size from its IHDR chunk', () => {
    expect(readImageDimensions(png(1920, 1080))).toEqual({ format: 'png', width: 1920, height: 1080 });
  });

  it('reads a JPEG size from its start-of-frame, past APP0 and Huffman tables, baseline or progressive', () => {
    expect(readImageDimensions(jpeg(4032, 3024))).toEqual({ format: 'jpeg', width: 4032, height: 3024 });
    expect(readImageDimensions(jpeg(640, 480, 0xc2))).toEqual({ format: 'jpeg', width: 640, height: 480 });
  });

  it('skips fill bytes before a JPEG marker', () => {
    const data = jpeg(300, 200);
    const padded = bytes([...data.subarray(0, 2)], [0xff, 0xff], [...data.subarray(2)]);
    expect(readImageDimensions(padded)).toEqual({ format: 'jpeg', width: 300, height: 200 });
  });

  it('reads WebP sizes from VP8, VP8L and VP8X chunks', () => {
    expect(readImageDimensions(webpLossy(1024, 768))).toEqual({ format: 'webp', width: 1024, height: 768 });
    expect(readImageDimensions(webpLossless(16383, 1))).toEqual({ format: 'webp', width: 16383, height: 1 });
    expect(readImageDimensions(webpExtended(20000, 30000))).toEqual({ format: 'webp', width: 20000, height: 30000 });
  });

  it('reads a GIF size from its logical screen descriptor', () => {
    expect(readImageDimensions(gif(500, 281))).toEqual({ format: 'gif', width: 500, height: 281 });
  });

  it('refuses bytes of no image format it knows, naming the formats it takes', () => {
    expect(failureOf(new TextEncoder().encode('%PDF-1.7 not an image'))).toEqual({
      failure: 'unknown-image-format',
      message: 'This file is not a PNG, JPEG, WebP or GIF image. Convert it to one of these formats and attach it again.',
    });
  });

  it('refuses an image cut short before its size', () => {
    expect(failureOf(png(10, 10).subarray(0, 20))).toEqual({
      failure: 'truncated-image',
      message: 'This PNG image is cut short before its size is given: the file is incomplete. Save or download it again.',
    });
    expect(failureOf(jpeg(10, 10).subarray(0, 30)).failure).toBe('truncated-image');
  });

  it('refuses a damaged header', () => {
    expect(failureOf(png(0, 10))).toEqual({
      failure: 'corrupt-image',
      message: 'This PNG image is damaged (its header says 0×10 pixels). Save or export it again.',
    });
    const scanBeforeFrame = bytes([0xff, 0xd8], [0xff, 0xda, ...be16(2)]);
    expect(failureOf(scanBeforeFrame)).toEqual({
      failure: 'corrupt-image',
      message: 'This JPEG image is damaged (its image data starts before any frame header). Save or export it again.',
    });
    expect(failureOf(riff('VP8 ', [0, 0, 0, 1, 2, 3, 0, 0, 0, 0])).failure).toBe('corrupt-image');
  });
});
