import { describe, expect, it } from 'vitest';
import { AttachmentReadError } from '../../src/main/core/attachments/attachment-read-error';
import { estimatePdfTokens } from '../../src/main/core/attachments/pdf-token-estimate';
import { estimateTextFileTokens } from '../../src/main/core/attachments/text-file-tokens';

describe('estimatePdfTokens', () => {
  it("counts Gemini's documented 258 tokens a page, and Gemini 3's default medium 560", () => {
    expect(estimatePdfTokens('gemini', 'gemini-2.5-flash', 10)).toEqual({
      pages: 10,
      tokensPerPage: 258,
      tokens: 2580,
      estimated: true,
    });
    expect(estimatePdfTokens('gemini', 'gemini-3-pro-preview', 2).tokens).toBe(1120);
  });

  it("counts an Anthropic page as the top of the documented 1,500–3,000 text tokens plus the page's image at the resize cap", () => {
    // A 1700 × 2200 page image is scaled to 962 × 1246: ceil(1,198,652 / 750) = 1599.
    expect(estimatePdfTokens('anthropic', 'claude-sonnet-4-5', 3)).toEqual({
      pages: 3,
      tokensPerPage: 3000 + 1599,
      tokens: 3 * 4599,
      estimated: true,
    });
  });

  it("counts an OpenAI page as the same text allowance plus the page's image by the model's own rule", () => {
    // gpt-4o: 1700 × 2200 → 1583 × 2048 → 768 × 994, 4 tiles: 85 + 4 × 170 = 765.
    expect(estimatePdfTokens('openai', 'gpt-4o', 1).tokensPerPage).toBe(3000 + 765);
    // gpt-4.1-mini: 3,726 patches shrink to 1088 × 1408, 34 × 44 = 1496 patches × 1.62 = 2423.52.
    expect(estimatePdfTokens('openai', 'gpt-4.1-mini', 1).tokensPerPage).toBe(3000 + 2424);
  });

  it('refuses a page count that is not a whole number', () => {
    expect(() => estimatePdfTokens('gemini', 'gemini-2.5-flash', 1.5)).toThrow('A PDF has a whole number of pages; got 1.5.');
  });
});

describe('estimateTextFileTokens', () => {
  it("counts a text file with the model's tokenizer and flags the count as an estimate", () => {
    expect(estimateTextFileTokens('gpt-4o', new TextEncoder().encode('hello world'))).toEqual({
      tokens: 2,
      estimated: true,
      exactTokenizer: true,
    });
    // Claude's tokenizer is not public: o200k scaled by 1.25, rounded up.
    expect(estimateTextFileTokens('claude-sonnet-4-5', new TextEncoder().encode('hello world'))).toEqual({
      tokens: 3,
      estimated: true,
      exactTokenizer: false,
    });
  });

  it('does not count a byte-order mark as text', () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('hello world')]);
    expect(estimateTextFileTokens('gpt-4o', withBom).tokens).toBe(2);
  });

  it('refuses a file that is not UTF-8, saying how to fix it', () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9]); // "café" in Latin-1
    expect(() => estimateTextFileTokens('gpt-4o', latin1)).toThrow(AttachmentReadError);
    expect(() => estimateTextFileTokens('gpt-4o', latin1)).toThrow(
      'This file is not UTF-8 text, so it cannot be sent as text. Save it as UTF-8, or attach it as a PDF or image.',
    );
  });
});
