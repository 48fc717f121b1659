import { anthropicImageTokens } from './anthropic-image-tokens';
import { isGemini3 } from './gemini-image-tokens';
import type { ImageRuleVendor } from './image-token-estimate';
import type { ImageSize } from './image-size';
import { openAiImageRule, openAiImageTokens } from './openai-image-tokens';

export interface PdfTokenEstimate {
  readonly pages: number;
  readonly tokensPerPage: number;
  readonly tokens: number;
  /** A page's real cost depends on how much text it holds; only the provider's usage is exact. */
  readonly estimated: true;
}

/**
 * Anthropic, "PDF support", "Estimate your costs" (docs.anthropic.com/en/docs/build-with-claude/
 * pdf-support): each page's text "typically uses 1,500-3,000 tokens per page depending on content
 * density", and since "each page is converted into an image, the same image-based cost calculations
 * are applied". The top of the range is taken, so a dense document is not under-estimated. OpenAI's
 * file inputs also send "both the extracted text and an image of each page" (platform.openai.com/
 * docs/guides/pdf-files) but publish no per-page figure, so the same text allowance stands in.
 */
const PAGE_TEXT_TOKENS = 3000;

/**
 * The page image: the vendors do not say at what resolution they render a page, so a US Letter
 * page at 200 dpi stands in. Either vendor's resize brings it to its cap, so any larger rendering
 * would cost the same.
 */
const PAGE_IMAGE: ImageSize = { width: 1700, height: 2200 };

/**
 * Google, "Document understanding" (ai.google.dev/gemini-api/docs/document-processing): "Each
 * document page is equivalent to 258 tokens." Gemini 3 budgets a page by `media_resolution`, whose
 * default for PDFs is medium, 560 tokens (ai.google.dev/gemini-api/docs/media-resolution).
 */
const GEMINI_PAGE_TOKENS = 258;
const GEMINI_3_PAGE_TOKENS = 560;

export function estimatePdfTokens(vendor: ImageRuleVendor, model: string, pages: number): PdfTokenEstimate {
  if (!Number.isSafeInteger(pages) || pages < 0) throw new RangeError(`A PDF has a whole number of pages; got ${pages}.`);
  const tokensPerPage = pageTokens(vendor, model);
  return { pages, tokensPerPage, tokens: pages * tokensPerPage, estimated: true };
}

function pageTokens(vendor: ImageRuleVendor, model: string): number {
  switch (vendor) {
    case 'anthropic':
      return PAGE_TEXT_TOKENS + anthropicImageTokens(PAGE_IMAGE);
    case 'openai':
      return PAGE_TEXT_TOKENS + openAiImageTokens(openAiImageRule(model), PAGE_IMAGE, 'high');
    case 'gemini':
      return isGemini3(model) ? GEMINI_3_PAGE_TOKENS : GEMINI_PAGE_TOKENS;
  }
}
