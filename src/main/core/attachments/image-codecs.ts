import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';
import omggif from 'omggif';
import pngjs from 'pngjs';
import { AttachmentReadError } from './attachment-read-error';
import { readImageDimensions, type ImageFormat } from './image-dimensions';
import type { RgbaImage } from './image-resample';
import type { ImageSize } from './image-size';
import { jpegExifPayload, orientationExif, readExifOrientation } from './jpeg-orientation';

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
  if (format === 'webp' || format === 'jpeg') {
    // Loaded before decoding: a decoder that fails to load is an installation fault, not the file's.
    const decoder = await loadWasmDecoder(format);
    return refusingDamaged(format, async () => {
      const image = await decodeWithWasm(decoder, bytes);
      if (format === 'webp') return image;
      const exif = jpegExifPayload(bytes);
      const orientation = exif ? readExifOrientation(exif) : null;
      return orientation === null ? image : { ...image, orientation };
    });
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

function decodeRaster(bytes: Uint8Array, format: 'png' | 'gif'): DecodedImage {
  return format === 'png' ? decodePng(bytes) : decodeGif(bytes);
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

function decodeGif(bytes: Uint8Array): RgbaImage {
  const reader = new omggif.GifReader(bytes);
  const data = new Uint8Array(reader.width * reader.height * 4);
  // The first frame may cover part of the screen: the rest stays transparent.
  reader.decodeAndBlitFrameRGBA(0, data);
  return { width: reader.width, height: reader.height, data };
}

/** A decoder's shape as its JavaScript has it: the packages' typings omit init's module argument. */
interface WasmDecoder {
  init(module: WebAssembly.Module): Promise<void>;
  default(buffer: ArrayBuffer): Promise<{ readonly width: number; readonly height: number; readonly data: Uint8ClampedArray }>;
}

/** Node's global WebAssembly, which the Node tsconfig's libs (no DOM) declare only as types. */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

const wasmDecoders = new Map<'webp' | 'jpeg', Promise<WasmDecoder>>();

/**
 * WebP and JPEG are decoded by libwebp and mozjpeg compiled to WebAssembly, loaded on first use:
 * mozjpeg decodes a 12-megapixel photo in about 0.25 s where jpeg-js took 1.5 s, all of it on the
 * core's event loop. Their loaders would fetch() the .wasm beside them, which Node cannot do for a
 * file URL, so the module is compiled here from the file read off disk (inside app.asar,
 * Electron's fs reads it as any other file).
 */
function loadWasmDecoder(format: 'webp' | 'jpeg'): Promise<WasmDecoder> {
  let decoder = wasmDecoders.get(format);
  if (!decoder) {
    decoder = format === 'webp' ? compileWebpDecoder() : compileJpegDecoder();
    wasmDecoders.set(format, decoder);
    // Not kept when it failed, so the next image of the format tries again.
    decoder.catch(() => wasmDecoders.delete(format));
  }
  return decoder;
}

async function compileWebpDecoder(): Promise<WasmDecoder> {
  const decoder = (await import('@jsquash/webp/decode.js')) as unknown as WasmDecoder;
  await decoder.init(await wasm.compile(readFileSync(createRequire(import.meta.url).resolve('@jsquash/webp/codec/dec/webp_dec.wasm'))));
  return decoder;
}

async function compileJpegDecoder(): Promise<WasmDecoder> {
  const decoder = (await import('@jsquash/jpeg/decode.js')) as unknown as WasmDecoder;
  await decoder.init(await wasm.compile(readFileSync(createRequire(import.meta.url).resolve('@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm'))));
  return decoder;
}

async function decodeWithWasm(decoder: WasmDecoder, bytes: Uint8Array): Promise<RgbaImage> {
  // The decoder takes a whole ArrayBuffer. A Buffer's slice() is a view, not a copy, and a small
  // file read from disk sits inside Node's shared pool: its .buffer is the pool, not the file.
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  const decoded = await decoder.default(own.buffer);
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
}

function isOpaque(image: RgbaImage): boolean {
  for (let at = 3; at < image.data.length; at += 4) if (image.data[at] !== 255) return false;
  return true;
}
