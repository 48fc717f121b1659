import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AttachmentReadError } from '../../src/main/core/attachments/attachment-read-error';
import { countPdfPages } from '../../src/main/core/attachments/pdf-page-count';

const encode = (text: string) => new TextEncoder().encode(text);

/** Three pages in a two-level page tree: the root counts 3, its child Pages node 2. */
const THREE_PAGES = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /Resources << /Font << /F1 7 0 R >> >> >> endobj
3 0 obj << /Type/Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >> endobj
4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj
5 0 obj << /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] >> endobj
6 0 obj << /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] >> endobj
7 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
`;

function failureOf(data: Uint8Array): { failure: string; message: string } {
  try {
    countPdfPages(data);
  } catch (error) {
    if (error instanceof AttachmentReadError) return { failure: error.failure, message: error.message };
    throw error;
  }
  throw new Error('expected the count to fail');
}

describe('countPdfPages', () => {
  it("reads the page tree root's /Count in a hand-written PDF", () => {
    expect(countPdfPages(encode(THREE_PAGES))).toBe(3);
  });

  it('finds the page tree inside a compressed object stream (PDF 1.5+)', () => {
    const objects = '2 0 3 60 << /Type /Pages /Kids [3 0 R] /Count 12 >> << /Type /Page /Parent 2 0 R >>';
    const compressed = deflateSync(Buffer.from(objects, 'latin1'));
    const head = Buffer.from(
      `%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n` +
        `4 0 obj << /Type /ObjStm /N 2 /First 8 /Filter /FlateDecode /Length ${compressed.length} >>\nstream\n`,
      'latin1',
    );
    const tail = Buffer.from('\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
    expect(countPdfPages(new Uint8Array(Buffer.concat([head, compressed, tail])))).toBe(12);
  });

  it('refuses a file that is not a PDF', () => {
    expect(failureOf(encode('hello'))).toEqual({
      failure: 'not-a-pdf',
      message: 'This file is not a PDF: it does not start with a PDF header. Export it as PDF again.',
    });
  });

  it('refuses a PDF whose page tree cannot be found', () => {
    expect(failureOf(encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'))).toEqual({
      failure: 'pdf-pages-not-found',
      message:
        'Cannot find the pages of this PDF: it may be encrypted or damaged. Remove its password or print it to a new PDF, then attach that.',
    });
  });
});
