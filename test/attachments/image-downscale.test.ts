import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { AttachmentReadError } from '../../src/main/core/attachments/attachment-read-error';
import { decodeImage, ImageTooLargeError } from '../../src/main/core/attachments/image-codecs';
import { readImageDimensions } from '../../src/main/core/attachments/image-dimensions';
import { downscaleImage } from '../../src/main/core/attachments/image-downscale';
import { resampleBox, type RgbaImage } from '../../src/main/core/attachments/image-resample';
import { gifOf, jpegOf, pngOf, testCard, webpOf } from './image-fixtures';

const target = { width: 40, height: 30 };
const card = testCard(160, 120);
const translucentCard = testCard(160, 120, (x, y) => (x + y) % 256);
/** Few enough colours for a GIF's palette: 5 × 4 blocks of 32 px, a colour each. */
const blockCard: RgbaImage = {
  width: 160,
  height: 120,
  data: Uint8Array.from({ length: 160 * 120 * 4 }, (_, i) => {
    const p = i >> 2;
    const [x, y] = [p % 160, Math.floor(p / 160)];
    return [(x >> 5) * 60, (y >> 5) * 80, ((x >> 5) + (y >> 5)) * 30, 255][i & 3]!;
  }),
};

describe('downscaleImage', () => {
  it('keeps a PNG a PNG, with alpha, pixel for pixel the area average', async () => {
    const out = await downscaleImage(pngOf(translucentCard), 'png', target);
    expect(out.mime).toBe('image/png');
    expect(out.size).toEqual(target);
    expect(readImageDimensions(out.data)).toEqual({ format: 'png', ...target });
    const png = pngjs.PNG.sync.read(Buffer.from(out.data));
    expect(png.alpha).toBe(true);
    expect([...png.data]).toEqual([...resampleBox(translucentCard, target).data]);
  });

  it('writes an opaque PNG without an alpha channel', async () => {
    const out = await downscaleImage(pngOf(card), 'png', target);
    const png = pngjs.PNG.sync.read(Buffer.from(out.data));
    expect(png.alpha).toBe(false);
    expect([...png.data]).toEqual([...resampleBox(card, target).data]);
  });

  it('keeps a JPEG a JPEG, at the exact size, close to the area average (JPEG is lossy)', async () => {
    const out = await downscaleImage(jpegOf(card), 'jpeg', target);
    expect(out.mime).toBe('image/jpeg');
    expect(readImageDimensions(out.data)).toEqual({ format: 'jpeg', ...target });
    const decoded = await decodeImage(out.data, 'jpeg');
    const expected = resampleBox(card, target).data;
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(decoded.data[i]! - expected[i]!));
    // Two JPEG passes (the fixture's at quality 95, ours at 90) on a striped card.
    expect(worst).toBeLessThanOrEqual(40);
  });

  it('turns a GIF into a PNG of its first frame', async () => {
    const out = await downscaleImage(gifOf(blockCard), 'gif', target);
    expect(out.mime).toBe('image/png');
    expect(readImageDimensions(out.data)).toEqual({ format: 'png', ...target });
    expect([...pngjs.PNG.sync.read(Buffer.from(out.data)).data]).toEqual([...resampleBox(blockCard, target).data]);
  });

  it("at the image's own size only converts: an animated GIF to a PNG of its first frame, pixel for pixel", async () => {
    const out = await downscaleImage(gifOf(blockCard), 'gif', { width: 160, height: 120 });
    expect(readImageDimensions(out.data)).toEqual({ format: 'png', width: 160, height: 120 });
    expect([...pngjs.PNG.sync.read(Buffer.from(out.data)).data]).toEqual([...blockCard.data]);
  });

  it('turns a WebP into a PNG, transparency kept', async () => {
    const out = await downscaleImage(await webpOf(translucentCard), 'webp', target);
    expect(out.mime).toBe('image/png');
    expect(readImageDimensions(out.data)).toEqual({ format: 'png', ...target });
    expect([...pngjs.PNG.sync.read(Buffer.from(out.data)).data]).toEqual([...resampleBox(translucentCard, target).data]);
  });

  it.each(['jpeg', 'webp'] as const)('decodes a %s held in a view into a larger buffer (a small file read from disk sits in Node\'s shared pool)', async (format) => {
    const card = testCard(24, 16);
    const file = format === 'jpeg' ? jpegOf(card) : await webpOf(card);
    const pool = Buffer.alloc(file.byteLength + 300, 0x55);
    pool.set(file, 150);
    const out = await downscaleImage(pool.subarray(150, 150 + file.byteLength), format, { width: 12, height: 8 });
    expect(readImageDimensions(out.data)).toMatchObject({ width: 12, height: 8 });
  });

  it('reaches any exact size, aspect ratio changed or not, and gives the same bytes every time', async () => {
    const bytes = jpegOf(card);
    const odd = { width: 37, height: 29 };
    const first = await downscaleImage(bytes, 'jpeg', odd);
    const second = await downscaleImage(bytes, 'jpeg', odd);
    expect(readImageDimensions(first.data)).toEqual({ format: 'jpeg', ...odd });
    expect(Buffer.from(first.data).equals(Buffer.from(second.data))).toBe(true);
  });

  it('refuses damaged bytes with a message saying what to do', async () => {
    const damaged = pngOf(card).slice(0, 60);
    await expect(downscaleImage(damaged, 'png', target)).rejects.toBeInstanceOf(AttachmentReadError);
    await expect(downscaleImage(damaged, 'png', target)).rejects.toThrow(/^This PNG image could not be decoded \(.+\)\. Save or export it again\.$/);
    const lossyWebp = await webpOf(card);
    await expect(downscaleImage(lossyWebp.slice(0, 40), 'webp', target)).rejects.toThrow(/^This WebP image could not be decoded \(.+\)\. Save or export it again\.$/);
  });

  it('refuses, before decoding, an image of more than 100 megapixels', async () => {
    // A PNG header claiming 20000×10001: the size alone decides.
    const header = pngOf(card).slice(0, 33);
    new DataView(header.buffer).setUint32(16, 20000);
    new DataView(header.buffer).setUint32(20, 10001);
    const refusal = downscaleImage(header, 'png', target);
    await expect(refusal).rejects.toBeInstanceOf(ImageTooLargeError);
    await expect(refusal).rejects.toThrow(
      'This image is 20000×10001 pixels (200 megapixels); Tallychat downscales images of up to 100 megapixels. Scale it down and attach it again.',
    );
  });
});
