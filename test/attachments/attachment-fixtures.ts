import jpeg from 'jpeg-js';
import { GifWriter } from 'omggif';
import { PNG } from 'pngjs';

/** A real PNG, encoded by pngjs: grey pixels, every chunk and CRC in place. */
export function pngBytes(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return new Uint8Array(PNG.sync.write(image));
}

/** A real baseline JPEG, encoded by jpeg-js. */
export function jpegBytes(width: number, height: number): Uint8Array {
  return new Uint8Array(jpeg.encode({ data: Buffer.alloc(4 * width * height, 128), width, height }, 90).data);
}

/** A real GIF89a, one two-colour frame, encoded by omggif. */
export function gifBytes(width: number, height: number): Uint8Array {
  const buffer = Buffer.alloc(1024 + width * height);
  const writer = new GifWriter(buffer, width, height, { palette: [0x000000, 0xffffff] });
  writer.addFrame(0, 0, width, height, Array.from({ length: width * height }, (_, i) => i % 2));
  return new Uint8Array(buffer.subarray(0, writer.end()));
}

/** A real 1×1 lossless WebP (VP8L): the file browsers are probed with for WebP support. */
export const WEBP_1X1 = new Uint8Array(Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'));

/** A hand-written PDF with `pages` pages in one flat page tree. */
export function pdfBytes(pages: number): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  const pageObjects = Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj`);
  return new TextEncoder().encode(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      `2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj`,
      ...pageObjects,
      'trailer << /Root 1 0 R >>',
      '%%EOF',
      '',
    ].join('\n'),
  );
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
