import { describe, expect, it } from 'vitest';
import { sniffAttachment } from '../../src/main/core/attachments/attachment-sniff';
import { UnattachableFileError } from '../../src/main/core/attachments/unattachable-file-error';
import { MAX_ATTACHMENT_BYTES } from '../../src/shared/attachments';
import { gifBytes, jpegBytes, pdfBytes, pngBytes, utf8, WEBP_1X1 } from './attachment-fixtures';

const UNSUPPORTED = (name: string) =>
  `"${name}" is not a file Tallychat can attach: it takes images (PNG, JPEG, WebP, GIF), PDFs and text files.`;

function refusalOf(name: string, bytes: Uint8Array): { reason: string; code: string; message: string } {
  try {
    sniffAttachment(name, bytes);
  } catch (error) {
    if (error instanceof UnattachableFileError) return { reason: error.reason, code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`expected "${name}" to be refused`);
}

describe('sniffAttachment: images, told by their bytes', () => {
  it('reads the format and size of real PNG, JPEG, WebP and GIF files', () => {
    expect(sniffAttachment('shot.png', pngBytes(3, 2))).toEqual({ kind: 'image', mime: 'image/png', size: { width: 3, height: 2 } });
    expect(sniffAttachment('photo.jpg', jpegBytes(17, 9))).toEqual({ kind: 'image', mime: 'image/jpeg', size: { width: 17, height: 9 } });
    expect(sniffAttachment('dot.webp', WEBP_1X1)).toEqual({ kind: 'image', mime: 'image/webp', size: { width: 1, height: 1 } });
    expect(sniffAttachment('anim.gif', gifBytes(5, 4))).toEqual({ kind: 'image', mime: 'image/gif', size: { width: 5, height: 4 } });
  });

  it('goes by the bytes, not the name: a PNG saved as .txt or with no extension is an image', () => {
    expect(sniffAttachment('notes.txt', pngBytes(8, 8))).toEqual({ kind: 'image', mime: 'image/png', size: { width: 8, height: 8 } });
    expect(sniffAttachment('clipboard', jpegBytes(2, 2))).toEqual({ kind: 'image', mime: 'image/jpeg', size: { width: 2, height: 2 } });
  });

  it('refuses a damaged image as an image, naming the file and what to do', () => {
    expect(refusalOf('cut.png', pngBytes(3, 2).subarray(0, 20))).toEqual({
      reason: 'truncated-image',
      code: 'invalid_request',
      message: '"cut.png" cannot be attached. This PNG image is cut short before its size is given: the file is incomplete. Save or download it again.',
    });
  });
});

describe('sniffAttachment: PDFs', () => {
  it('counts the pages of a PDF, whatever its name says', () => {
    expect(sniffAttachment('paper.pdf', pdfBytes(3))).toEqual({ kind: 'pdf', pages: 3 });
    expect(sniffAttachment('download', pdfBytes(1))).toEqual({ kind: 'pdf', pages: 1 });
  });

  it('refuses a PDF whose pages cannot be found', () => {
    expect(refusalOf('locked.pdf', utf8('%PDF-1.7\n% encrypted\n%%EOF\n'))).toEqual({
      reason: 'pdf-pages-not-found',
      code: 'invalid_request',
      message:
        '"locked.pdf" cannot be attached. Cannot find the pages of this PDF: it may be encrypted or damaged. Remove its password or print it to a new PDF, then attach that.',
    });
  });
});

describe('sniffAttachment: text files', () => {
  it('reads UTF-8 text of a text-like extension, upper case included, without its byte order mark', () => {
    expect(sniffAttachment('notes.md', utf8('# Notes\nÉté 🌞\n'))).toEqual({ kind: 'text', text: '# Notes\nÉté 🌞\n' });
    expect(sniffAttachment('DATA.CSV', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('a,b\n1,2\n')]))).toEqual({ kind: 'text', text: 'a,b\n1,2\n' });
    for (const name of ['main.rs', 'app.tsx', 'query.sql', 'page.svelte', 'config.toml', 'run.log']) {
      expect(sniffAttachment(name, utf8('x = 1\n'))).toEqual({ kind: 'text', text: 'x = 1\n' });
    }
  });

  it('reads a file with no extension as text when its bytes are text (README, Makefile, .env)', () => {
    for (const name of ['README', 'Makefile', '.env']) expect(sniffAttachment(name, utf8('KEY=value\n'))).toEqual({ kind: 'text', text: 'KEY=value\n' });
  });

  it('refuses a text-like file that is not UTF-8, or holds NUL bytes as UTF-16 does', () => {
    expect(refusalOf('latin1.txt', Uint8Array.from([0x63, 0x61, 0x66, 0xe9]))).toEqual({
      reason: 'not-utf8-text',
      code: 'invalid_request',
      message: '"latin1.txt" cannot be attached. This file is not UTF-8 text, so it cannot be sent as text. Save it as UTF-8, or attach it as a PDF or image.',
    });
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    expect(refusalOf('wide.txt', Uint8Array.from([0x68, 0x00, 0x69, 0x00]))).toEqual({
      reason: 'not-utf8-text',
      code: 'invalid_request',
      message: '"wide.txt" cannot be attached. It is not UTF-8 text (it holds NUL bytes, as UTF-16 files do). Save it as UTF-8 and attach it again.',
    });
    expect(refusalOf('wide.csv', utf16).reason).toBe('not-utf8-text');
  });

  it('refuses a binary file with no extension as a file it cannot attach', () => {
    expect(refusalOf('tallychat', Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toEqual({
      reason: 'unsupported-type',
      code: 'invalid_request',
      message: UNSUPPORTED('tallychat'),
    });
  });
});

describe('sniffAttachment: what it refuses', () => {
  it('refuses other formats, even when their bytes happen to be UTF-8 (a .docx, an .svg)', () => {
    expect(refusalOf('report.docx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toEqual({
      reason: 'unsupported-type',
      code: 'invalid_request',
      message: '"report.docx" is not a file Tallychat can attach: it takes images (PNG, JPEG, WebP, GIF), PDFs and text files.',
    });
    expect(refusalOf('logo.svg', utf8('<svg xmlns="http://www.w3.org/2000/svg"/>')).message).toBe(UNSUPPORTED('logo.svg'));
  });

  it('refuses a file over the limit, naming it, before reading what it is', () => {
    expect(refusalOf('scan.pdf', new Uint8Array(MAX_ATTACHMENT_BYTES + 1))).toEqual({
      reason: 'too-large',
      code: 'invalid_request',
      message: '"scan.pdf" is 32.1 MB; Tallychat attaches files of at most 32 MB.',
    });
    expect(refusalOf('video.mov', new Uint8Array(45 * 1024 * 1024 + 300 * 1024)).message).toBe(
      '"video.mov" is 45.3 MB; Tallychat attaches files of at most 32 MB.',
    );
    expect(sniffAttachment('big.txt', new Uint8Array(MAX_ATTACHMENT_BYTES).fill(0x61)).kind).toBe('text');
  });

  it('refuses an empty file', () => {
    expect(refusalOf('empty.txt', new Uint8Array(0))).toEqual({ reason: 'empty', code: 'invalid_request', message: '"empty.txt" is empty: there is nothing in it to attach.' });
  });
});
