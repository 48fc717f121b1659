import { describe, expect, it } from 'vitest';
import { AttachmentReadError } from '../../src/main/core/attachments/attachment-read-error';
import { estimateAttachmentTokens } from '../../src/main/core/attachments/attachment-token-estimate';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

/** A PNG header of a 4000 × 3000 photo, as read from its stored bytes. */
const PHOTO = Uint8Array.from([
  ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  ...be32(13),
  ...ascii('IHDR'),
  ...be32(4000),
  ...be32(3000),
  ...[8, 2, 0, 0, 0],
  ...be32(0),
]);

const TWO_PAGES = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n%%EOF\n',
);

describe('estimateAttachmentTokens', () => {
  it('reads an image from its bytes, then prices it on the size it will be sent at', () => {
    expect(estimateAttachmentTokens('anthropic', 'claude-sonnet-4-5', 'image', PHOTO)).toEqual({
      kind: 'image',
      format: 'png',
      size: { width: 4000, height: 3000 },
      sentSize: { width: 1264, height: 948 }, // within ~1,600 tokens: 1264 × 948 / 750 = 1597.8
      downscaled: true,
      tokens: 1598,
      estimated: true,
    });
    expect(estimateAttachmentTokens('openai', 'gpt-4o', 'image', PHOTO, { detail: 'low' }).tokens).toBe(85);
  });

  it('counts a PDF by its pages', () => {
    expect(estimateAttachmentTokens('gemini', 'gemini-2.5-flash', 'pdf', TWO_PAGES)).toEqual({
      kind: 'pdf',
      pages: 2,
      tokensPerPage: 258,
      tokens: 516,
      estimated: true,
    });
  });

  it('counts a text file by the tokenizer', () => {
    expect(estimateAttachmentTokens('openai', 'gpt-4o', 'text', new TextEncoder().encode('hello world'))).toEqual({
      kind: 'text',
      tokens: 2,
      exactTokenizer: true,
      estimated: true,
    });
  });

  it('refuses an attachment whose bytes are not the kind it claims', () => {
    expect(() => estimateAttachmentTokens('gemini', 'gemini-2.5-flash', 'image', TWO_PAGES)).toThrow(AttachmentReadError);
  });
});
