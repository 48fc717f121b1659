import { inflateSync, constants } from 'node:zlib';
import { AttachmentReadError } from './attachment-read-error';

/**
 * How many pages a PDF has, from its page tree: the root `/Type /Pages` node's `/Count` is the
 * total, and nested Pages nodes count only their part, so the largest Count found is the total.
 * PDF 1.5 and later often keep these objects inside compressed object streams (/Type /ObjStm),
 * which are inflated and searched too. A file saved with incremental updates can still hold an
 * older root with a larger count; the largest is kept, erring towards the higher estimate.
 */
export function countPdfPages(bytes: Uint8Array): number {
  const text = latin1(bytes);
  if (!text.slice(0, 1024).includes('%PDF-')) {
    throw new AttachmentReadError('not-a-pdf', 'This file is not a PDF: it does not start with a PDF header. Export it as PDF again.');
  }
  const counts = [...pageTreeCounts(text), ...objectStreams(bytes, text).flatMap(pageTreeCounts)];
  if (counts.length === 0) {
    throw new AttachmentReadError(
      'pdf-pages-not-found',
      'Cannot find the pages of this PDF: it may be encrypted or damaged. Remove its password or print it to a new PDF, then attach that.',
    );
  }
  return Math.max(...counts);
}

const PAGES_TYPE = /\/Type\s*\/Pages(?![A-Za-z0-9])/g;
const COUNT = /\/Count\s+(\d+)/;

function pageTreeCounts(text: string): number[] {
  const counts: number[] = [];
  for (const match of text.matchAll(PAGES_TYPE)) {
    const dictionary = enclosingDictionary(text, match.index);
    const count = dictionary === undefined ? undefined : COUNT.exec(dictionary)?.[1];
    if (count !== undefined) counts.push(Number(count));
  }
  return counts;
}

/** The `<< … >>` dictionary around position `at`, matched by nesting depth. */
function enclosingDictionary(text: string, at: number): string | undefined {
  let depth = 0;
  let start = -1;
  for (let i = at; i > 0; i--) {
    if (text[i] === '>' && text[i - 1] === '>') {
      depth++;
      i--;
    } else if (text[i] === '<' && text[i - 1] === '<') {
      if (depth === 0) {
        start = i - 1;
        break;
      }
      depth--;
      i--;
    }
  }
  if (start < 0) return undefined;
  depth = 0;
  for (let i = start; i < text.length - 1; i++) {
    if (text[i] === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (text[i] === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** The `<< … >>` dictionary that ends right before position `at` (a stream's own dictionary). */
function precedingDictionary(text: string, at: number): string | undefined {
  let end = at - 1;
  while (end > 0 && /\s/.test(text[end] ?? '')) end--;
  if (text[end] !== '>' || text[end - 1] !== '>') return undefined;
  let depth = 0;
  for (let i = end; i > 0; i--) {
    if (text[i] === '>' && text[i - 1] === '>') {
      depth++;
      i--;
    } else if (text[i] === '<' && text[i - 1] === '<') {
      depth--;
      i--;
      if (depth === 0) return text.slice(i, end + 1);
    }
  }
  return undefined;
}

const STREAM_START = /(?<!end)stream\r?\n/g;

/** The inflated text of every Flate-compressed object stream. */
function objectStreams(bytes: Uint8Array, text: string): string[] {
  const streams: string[] = [];
  for (const match of text.matchAll(STREAM_START)) {
    const dictionary = precedingDictionary(text, match.index);
    if (dictionary === undefined || !/\/Type\s*\/ObjStm/.test(dictionary) || !/\/FlateDecode/.test(dictionary)) continue;
    const from = match.index + match[0].length;
    const to = streamEnd(text, dictionary, from);
    if (to === undefined) continue;
    const inflated = tryInflate(bytes.subarray(from, to));
    if (inflated !== undefined) streams.push(latin1(inflated));
  }
  return streams;
}

/**
 * Where the stream's data ends: its /Length when given directly (not as a reference to another
 * object), else the end-of-line before `endstream`.
 */
function streamEnd(text: string, dictionary: string, from: number): number | undefined {
  const length = /\/Length\s+(\d+)(?!\d)(?!\s+\d+\s+R)/.exec(dictionary)?.[1];
  if (length !== undefined && from + Number(length) <= text.length) return from + Number(length);
  const keyword = text.indexOf('endstream', from);
  if (keyword < 0) return undefined;
  let end = keyword;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return end;
}

/** Sync flush: a stream cut short still yields what it holds instead of failing. */
function tryInflate(data: Uint8Array): Uint8Array | undefined {
  try {
    return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    // A stream that does not inflate is one the page tree cannot be in; if every one fails and no
    // page tree is found elsewhere, countPdfPages says so.
    return undefined;
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
