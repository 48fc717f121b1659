import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import omggif from 'omggif';
import pngjs from 'pngjs';
import { AttachmentReadError } from './attachment-read-error';
import { readImageDimensions, type ImageFormat } from './image-dimensions';
import type { RgbaImage } from './image-resample';
import type { ImageSize } from './image-size';
import { orientationExif, readExifOrientation } from './jpeg-orientation';

/** The formats a downscaled image is written in: every vendor that takes images takes both. */
export type EncodedFormat = 'png' | 'jpeg';

/** Quality of a re-encoded JPEG: high enough that text in a photographed page stays sharp. */
export const JPEG_QUALITY = 90;

/** Pixels and, for a JPEG that has one, its EXIF orientation (to be written back on re-encoding). */
export interface DecodedImage extends RgbaImage {
  readonly orientation?: number;
}

/**
 * The most pixels decoded: 400 MB of RGBA. A file under the attachment size limit can still claim
 * any size (a blank 30000×30000 PNG compresses to a few hundred KB), and decoding it would take
 * the core's memory with it. 100 megapixels is also where jpeg-js stops by default.
 */
export const MAX_DECODED_PIXELS = 100_000_000;

/** An image with more pixels than MAX_DECODED_PIXELS; the message says what to do. */
export class ImageTooLargeError extends Error {
  override readonly name = 'ImageTooLargeError';

  constructor(readonly size: ImageSize) {
    super(
      `This image is ${size.width}×${size.height} pixels (${Math.round((size.width * size.height) / 1_000_000)} megapixels); ` +
        `Tallychat downscales images of up to ${MAX_DECODED_PIXELS / 1_000_000} megapixels. Scale it down and attach it again.`,
    );
  }
}

/**
 * Decodes any of the four formats to RGBA; a GIF gives its first frame, as vendors read GIFs.
 * Throws AttachmentReadError for bytes that do not decode, ImageTooLargeError before decoding
 * anything too large.
 */
export async function decodeImage(bytes: Uint8Array, format: ImageFormat): Promise<DecodedImage> {
  const { width, height } = readImageDimensions(bytes);
  if (width * height > MAX_DECODED_PIXELS) throw new ImageTooLargeError({ width, height });
  if (format === 'webp') {
    // Loaded before decoding: a decoder that fails to load is an installation fault, not the file's.
    const decoder = await loadWebpDecoder();
    return refusingDamaged(format, () => decodeWebp(decoder, bytes));
  }
  return refusingDamaged(format, async () => decodeRaster(bytes, format));
}

async function refusingDamaged(format: ImageFormat, decode: () => Promise<DecodedImage>): Promise<DecodedImage> {
  try {
    return await decode();
  } catch (error) {
    if (error instanceof AttachmentReadError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AttachmentReadError('corrupt-image', `This ${FORMAT_NAMES[format]} image could not be decoded (${detail}). Save or export it again.`);
  }
}

function decodeRaster(bytes: Uint8Array, format: Exclude<ImageFormat, 'webp'>): DecodedImage {
  switch (format) {
    case 'png':
      return decodePng(bytes);
    case 'jpeg':
      return decodeJpeg(bytes);
    case 'gif':
      return decodeGif(bytes);
  }
}

/**
 * PNG without alpha when every pixel is opaque (a quarter fewer bytes before compression); at
 * pngjs's default compression, so the same pixels always give the same bytes.
 */
export function encodeImage(image: RgbaImage, format: EncodedFormat, orientation?: number): Uint8Array {
  if (format === 'jpeg') {
    // jpeg-js writes `exifBuffer` as the APP1 segment, though its typings leave the field out.
    const raw: Parameters<typeof jpeg.encode>[0] & { exifBuffer?: Uint8Array } = { width: image.width, height: image.height, data: image.data };
    if (orientation !== undefined && orientation !== 1) raw.exifBuffer = orientationExif(orientation);
    return new Uint8Array(jpeg.encode(raw, JPEG_QUALITY).data);
  }
  const png = new pngjs.PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return new Uint8Array(pngjs.PNG.sync.write(png, { colorType: isOpaque(image) ? 2 : 6 }));
}

const FORMAT_NAMES: Record<ImageFormat, string> = { png: 'PNG', jpeg: 'JPEG', gif: 'GIF', webp: 'WebP' };

function decodePng(bytes: Uint8Array): RgbaImage {
  // pngjs hands back 8-bit RGBA whatever the file's colour type and bit depth.
  const png = pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

function decodeJpeg(bytes: Uint8Array): DecodedImage {
  // jpeg-js refuses above 100 megapixels or 512 MB of working memory by default: enough for any
  // photo, and a bound on what a crafted file can make it allocate.
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true }) as ReturnType<typeof jpeg.decode> & { exifBuffer?: Uint8Array };
  const orientation = decoded.exifBuffer ? readExifOrientation(decoded.exifBuffer) : null;
  return { width: decoded.width, height: decoded.height, data: decoded.data, ...(orientation === null ? {} : { orientation }) };
}

function decodeGif(bytes: Uint8Array): RgbaImage {
  const reader = new omggif.GifReader(bytes);
  const data = new Uint8Array(reader.width * reader.height * 4);
  // The first frame may cover part of the screen: the rest stays transparent.
  reader.decodeAndBlitFrameRGBA(0, data);
  return { width: reader.width, height: reader.height, data };
}

/** The decoder's shape as its JavaScript has it: the package's typings omit init's module argument. */
interface WebpDecoder {
  init(module: WebAssembly.Module): Promise<void>;
  default(buffer: ArrayBuffer): Promise<{ readonly width: number; readonly height: number; readonly data: Uint8ClampedArray }>;
}

/** Node's global WebAssembly, which the Node tsconfig's libs (no DOM) declare only as types. */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

let webpDecoder: Promise<WebpDecoder> | undefined;

/**
 * The WebP decoder is libwebp compiled to WebAssembly, loaded on first use. Its loader would
 * fetch() the .wasm beside it, which Node cannot do for a file URL, so the module is compiled here
 * from the file read off disk (inside app.asar, Electron's fs reads it as any other file).
 */
function loadWebpDecoder(): Promise<WebpDecoder> {
  if (!webpDecoder) {
    webpDecoder = compileWebpDecoder();
    // Not kept when it failed, so the next WebP tries again.
    webpDecoder.catch(() => {
      webpDecoder = undefined;
    });
  }
  return webpDecoder;
}

async function compileWebpDecoder(): Promise<WebpDecoder> {
  const decoder = (await import('@jsquash/webp/decode.js')) as unknown as WebpDecoder;
  const wasmPath = createRequire(import.meta.url).resolve('@jsquash/webp/codec/dec/webp_dec.wasm');
  await decoder.init(await wasm.compile(readFileSync(wasmPath)));
  return decoder;
}

async function decodeWebp(decoder: WebpDecoder, bytes: Uint8Array): Promise<RgbaImage> {
  const decoded = await decoder.default(bytes.slice().buffer);
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
}

function isOpaque(image: RgbaImage): boolean {
  for (let at = 3; at < image.data.length; at += 4) if (image.data[at] !== 255) return false;
  return true;
}
