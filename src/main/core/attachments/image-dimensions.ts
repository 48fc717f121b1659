import { AttachmentReadError } from './attachment-read-error';
import type { ImageSize } from './image-size';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface ImageDimensions extends ImageSize {
  readonly format: ImageFormat;
}

/**
 * An image's format and pixel size, read from its header alone: the pre-flight needs the size to
 * estimate tokens before anything decodes the image. Throws AttachmentReadError for bytes that are
 * none of the four formats every vendor takes, or whose header is cut short or inconsistent.
 */
export function readImageDimensions(bytes: Uint8Array): ImageDimensions {
  if (startsWith(bytes, 0, PNG_SIGNATURE)) return readPng(bytes);
  if (startsWith(bytes, 0, [0xff, 0xd8, 0xff])) return readJpeg(bytes);
  if (startsWith(bytes, 0, ascii('RIFF')) && startsWith(bytes, 8, ascii('WEBP'))) return readWebp(bytes);
  if (startsWith(bytes, 0, ascii('GIF87a')) || startsWith(bytes, 0, ascii('GIF89a'))) return readGif(bytes);
  throw new AttachmentReadError(
    'unknown-image-format',
    'This file is not a PNG, JPEG, WebP or GIF image. Convert it to one of these formats and attach it again.',
  );
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the first chunk is IHDR, whose data opens with width and height as big-endian 32-bit numbers. */
function readPng(bytes: Uint8Array): ImageDimensions {
  need(bytes, 24, 'PNG');
  if (!startsWith(bytes, 12, ascii('IHDR'))) throw corrupt('PNG', 'its first chunk is not IHDR');
  const view = dataView(bytes);
  return sized('png', view.getUint32(16), view.getUint32(20));
}

/** GIF: the logical screen descriptor follows the 6-byte signature, width and height little-endian. */
function readGif(bytes: Uint8Array): ImageDimensions {
  need(bytes, 10, 'GIF');
  const view = dataView(bytes);
  return sized('gif', view.getUint16(6, true), view.getUint16(8, true));
}

/**
 * JPEG: the size sits in the start-of-frame segment, which may follow any number of others (EXIF,
 * ICC profiles, tables), so the segments are walked by their lengths. SOF markers are C0–CF except
 * C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding conditioning).
 */
function readJpeg(bytes: Uint8Array): ImageDimensions {
  const view = dataView(bytes);
  let at = 2;
  for (;;) {
    need(bytes, at + 2, 'JPEG');
    if (bytes[at] !== 0xff) throw corrupt('JPEG', `a segment at byte ${at} does not start with a marker`);
    const marker = bytes[at + 1] ?? 0;
    // 0xFF before a marker is fill; markers without a length (TEM, RST0–7) carry no segment.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) throw corrupt('JPEG', 'its image data starts before any frame header');
    need(bytes, at + 4, 'JPEG');
    const length = view.getUint16(at + 2);
    if (length < 2) throw corrupt('JPEG', `a segment at byte ${at} has an impossible length`);
    if (isStartOfFrame(marker)) {
      need(bytes, at + 9, 'JPEG');
      return sized('jpeg', view.getUint16(at + 7), view.getUint16(at + 5));
    }
    at += 2 + length;
  }
}

function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * WebP: a RIFF container whose first chunk says how to read the size: VP8 (lossy) keeps 14-bit
 * sizes after a start code, VP8L (lossless) packs width−1 and height−1 in 14 bits each after a
 * signature byte, VP8X (extended) stores the canvas width−1 and height−1 in 24 bits each.
 */
function readWebp(bytes: Uint8Array): ImageDimensions {
  need(bytes, 16, 'WebP');
  const view = dataView(bytes);
  if (startsWith(bytes, 12, ascii('VP8 '))) {
    need(bytes, 30, 'WebP');
    if (!startsWith(bytes, 23, [0x9d, 0x01, 0x2a])) throw corrupt('WebP', 'its VP8 frame lacks the start code');
    return sized('webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  if (startsWith(bytes, 12, ascii('VP8L'))) {
    need(bytes, 25, 'WebP');
    if (bytes[20] !== 0x2f) throw corrupt('WebP', 'its VP8L stream lacks the signature byte');
    const bits = view.getUint32(21, true);
    return sized('webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (startsWith(bytes, 12, ascii('VP8X'))) {
    need(bytes, 30, 'WebP');
    return sized('webp', uint24(bytes, 24) + 1, uint24(bytes, 27) + 1);
  }
  throw corrupt('WebP', 'its first chunk is neither VP8, VP8L nor VP8X');
}

function uint24(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
}

function sized(format: ImageFormat, width: number, height: number): ImageDimensions {
  if (width === 0 || height === 0) throw corrupt(formatName(format), `its header says ${width}×${height} pixels`);
  return { format, width, height };
}

function need(bytes: Uint8Array, length: number, format: string): void {
  if (bytes.length < length) {
    throw new AttachmentReadError(
      'truncated-image',
      `This ${format} image is cut short before its size is given: the file is incomplete. Save or download it again.`,
    );
  }
}

function corrupt(format: string, detail: string): AttachmentReadError {
  return new AttachmentReadError('corrupt-image', `This ${format} image is damaged (${detail}). Save or export it again.`);
}

function formatName(format: ImageFormat): string {
  return format === 'webp' ? 'WebP' : format.toUpperCase();
}

function startsWith(bytes: Uint8Array, at: number, expected: readonly number[]): boolean {
  return expected.every((byte, i) => bytes[at + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
