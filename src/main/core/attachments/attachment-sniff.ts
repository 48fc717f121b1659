import { extname } from 'node:path';
import { MAX_ATTACHMENT_BYTES, type PixelSize } from '../../../shared/attachments';
import { AttachmentReadError } from './attachment-read-error';
import { readImageDimensions, type ImageFormat } from './image-dimensions';
import { countPdfPages } from './pdf-page-count';
import { decodeTextFile } from './text-file-tokens';
import { UnattachableFileError } from './unattachable-file-error';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** What a file is, told by its bytes: the name only decides whether text may be read as text. */
export type SniffedAttachment =
  | { kind: 'image'; mime: ImageMime; size: PixelSize }
  | { kind: 'pdf'; pages: number }
  | { kind: 'text'; text: string };

const IMAGE_MIMES: Record<ImageFormat, ImageMime> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/**
 * Extensions of files people attach to be read as text. A name without one (README, Makefile,
 * .env) is read as text too when its bytes are; any other extension is a format whose bytes are
 * not meant to be read as they are (a .docx is a zip), even when they happen to be valid UTF-8.
 */
const TEXT_EXTENSIONS = new Set(
  [
    'txt md csv tsv json jsonl xml yaml yml toml ini log html css',
    'js ts tsx jsx mjs cjs py rb go rs java kt c h cpp hpp cs swift php sh sql r lua pl scala dart vue svelte',
  ]
    .join(' ')
    .split(' '),
);

const PDF_HEADER = [...'%PDF-'].map((char) => char.charCodeAt(0));

/**
 * Tells an attached file's kind by its bytes (image magic, the PDF header, UTF-8 text) and reads
 * what the pre-flight needs: an image's format and size, a PDF's pages, a text file's text without
 * its byte order mark. Throws UnattachableFileError naming the file and what to do instead.
 */
export function sniffAttachment(name: string, bytes: Uint8Array): SniffedAttachment {
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new UnattachableFileError(
      'too-large',
      `"${name}" is ${megabytes(bytes.byteLength)}; Tallychat attaches files of at most ${megabytes(MAX_ATTACHMENT_BYTES)}.`,
    );
  }
  if (bytes.byteLength === 0) throw new UnattachableFileError('empty', `"${name}" is empty: there is nothing in it to attach.`);
  const image = sniffImage(name, bytes);
  if (image) return image;
  if (PDF_HEADER.every((byte, i) => bytes[i] === byte)) return { kind: 'pdf', pages: readOrRefuse(name, () => countPdfPages(bytes)) };
  const extension = extname(name).slice(1).toLowerCase();
  if (extension === '') {
    const text = readText(bytes);
    if (text !== undefined) return { kind: 'text', text };
  } else if (TEXT_EXTENSIONS.has(extension)) {
    const text = readOrRefuse(name, () => decodeTextFile(bytes));
    if (text.includes('\u0000')) throw notUtf8(name);
    return { kind: 'text', text };
  }
  throw new UnattachableFileError(
    'unsupported-type',
    `"${name}" is not a file Tallychat can attach: it takes images (PNG, JPEG, WebP, GIF), PDFs and text files.`,
  );
}

/** Undefined when the bytes carry no image signature; a damaged image is refused as one. */
function sniffImage(name: string, bytes: Uint8Array): SniffedAttachment | undefined {
  try {
    const { format, width, height } = readImageDimensions(bytes);
    return { kind: 'image', mime: IMAGE_MIMES[format], size: { width, height } };
  } catch (error) {
    if (error instanceof AttachmentReadError && error.failure === 'unknown-image-format') return undefined;
    throw refusal(name, error);
  }
}

function readText(bytes: Uint8Array): string | undefined {
  try {
    const text = decodeTextFile(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

function readOrRefuse<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw refusal(name, error);
  }
}

function refusal(name: string, error: unknown): unknown {
  return error instanceof AttachmentReadError ? new UnattachableFileError(error.failure, `"${name}" cannot be attached. ${error.message}`) : error;
}

/** NUL bytes do not occur in text; a file full of them between letters is UTF-16. */
function notUtf8(name: string): UnattachableFileError {
  return new UnattachableFileError(
    'not-utf8-text',
    `"${name}" cannot be attached. It is not UTF-8 text (it holds NUL bytes, as UTF-16 files do). Save it as UTF-8 and attach it again.`,
  );
}

/** Rounded up to a tenth, so a file a byte over the limit never reads as the limit itself. */
function megabytes(bytes: number): string {
  const tenths = Math.ceil((bytes * 10) / (1024 * 1024));
  return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)} MB`;
}
