import { fitWithin, type ImageSize } from './image-size';

/**
 * Google, "Understand and count tokens" (ai.google.dev/gemini-api/docs/tokens): "With Gemini 2.0,
 * image inputs with both dimensions <=384 pixels are counted as 258 tokens. Images larger
 * in one or both dimensions are cropped and scaled as needed into tiles of 768x768 pixels, each
 * counted as 258 tokens." The page sets no later model apart before Gemini 3, so 2.5 takes the same
 * rule. It does not say how tiles are laid out; a grid covering the image (768 px per tile, rounded
 * up each way) is the reading that never counts fewer tiles than the pixels need.
 *
 * Gemini 3 sets a budget per image instead, by `media_resolution` (ai.google.dev/gemini-api/docs/
 * media-resolution, "Token counts"): unset, an image gets the high budget, 1,120 tokens at most.
 */
const SMALL_SIDE = 384;
const TILE = 768;
const TOKENS_PER_TILE = 258;
const GEMINI_3_IMAGE_TOKENS = 1120;

/**
 * "Larger images are scaled down and padded to fit a maximum resolution of 3072 x 3072 while
 * preserving their original aspect ratio" (Firebase AI Logic, "Input file requirements", images).
 */
const MAX_SIDE = 3072;

const GEMINI_3 = /^gemini-3(?:[.-]|$)/;

export function isGemini3(model: string): boolean {
  return GEMINI_3.test(model.slice(model.lastIndexOf('/') + 1).toLowerCase());
}

export function geminiSentSize(size: ImageSize): ImageSize {
  return fitWithin(size, MAX_SIDE, MAX_SIDE);
}

export function geminiImageTokens(model: string, size: ImageSize): number {
  if (isGemini3(model)) return GEMINI_3_IMAGE_TOKENS;
  const sent = geminiSentSize(size);
  if (sent.width <= SMALL_SIDE && sent.height <= SMALL_SIDE) return TOKENS_PER_TILE;
  return Math.ceil(sent.width / TILE) * Math.ceil(sent.height / TILE) * TOKENS_PER_TILE;
}
