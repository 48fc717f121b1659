import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import omggif from 'omggif';
import pngjs from 'pngjs';
import type { RgbaImage } from '../../src/main/core/attachments/image-resample';

/** Test images written with the same libraries the app decodes with (WebP: libwebp's encoder). */

export function pngOf(image: RgbaImage): Uint8Array {
  const png = new pngjs.PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return new Uint8Array(pngjs.PNG.sync.write(png));
}

export function jpegOf(image: RgbaImage, quality = 95): Uint8Array {
  return new Uint8Array(jpeg.encode({ width: image.width, height: image.height, data: image.data }, quality).data);
}

/** A GIF of the image's colours (at most 256, opaque) as its first frame, then a second frame of black. */
export function gifOf(image: RgbaImage): Uint8Array {
  const colours: number[] = [];
  const indices: number[] = new Array<number>(image.width * image.height).fill(0);
  for (let p = 0; p < indices.length; p++) {
    const rgb = (image.data[p * 4]! << 16) | (image.data[p * 4 + 1]! << 8) | image.data[p * 4 + 2]!;
    let index = colours.indexOf(rgb);
    if (index < 0) index = colours.push(rgb) - 1;
    indices[p] = index;
  }
  while (colours.length < 2 || (colours.length & (colours.length - 1)) !== 0) colours.push(0);
  const out = new Uint8Array(1024 + image.width * image.height * 4);
  const writer = new omggif.GifWriter(out, image.width, image.height, { palette: colours, loop: 0 });
  writer.addFrame(0, 0, image.width, image.height, indices, { delay: 10 });
  writer.addFrame(0, 0, image.width, image.height, indices.map(() => colours.length - 1), { delay: 10 });
  return out.slice(0, writer.end());
}

interface WebpEncoder {
  init(module: WebAssembly.Module): Promise<unknown>;
  default(image: { data: Uint8ClampedArray; width: number; height: number }, options: { lossless: number; exact: number }): Promise<ArrayBuffer>;
}

const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

/** Lossless, with the colour of transparent pixels kept (`exact`), so decoding gives the pixels back. */
export async function webpOf(image: RgbaImage): Promise<Uint8Array> {
  const encoder = (await import('@jsquash/webp/encode.js')) as unknown as WebpEncoder;
  // The encoder picks its SIMD build where WebAssembly has SIMD, as Node 20 does.
  const wasmPath = createRequire(import.meta.url).resolve('@jsquash/webp/codec/enc/webp_enc_simd.wasm');
  await encoder.init(await wasm.compile(readFileSync(wasmPath)));
  const data = new Uint8ClampedArray(image.data);
  return new Uint8Array(await encoder.default({ data, width: image.width, height: image.height }, { lossless: 1, exact: 1 }));
}

/** A deterministic test card: gradients in red and green, blue in stripes, alpha as given. */
export function testCard(width: number, height: number, alpha: (x: number, y: number) => number = () => 255): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      data[at] = Math.floor((x * 255) / Math.max(1, width - 1));
      data[at + 1] = Math.floor((y * 255) / Math.max(1, height - 1));
      data[at + 2] = (x >> 3) % 2 === 0 ? 40 : 200;
      data[at + 3] = alpha(x, y);
    }
  }
  return { width, height, data };
}

export function rgba(width: number, height: number, pixels: readonly (readonly [number, number, number, number])[]): RgbaImage {
  return { width, height, data: Uint8Array.from(pixels.flat()) };
}
