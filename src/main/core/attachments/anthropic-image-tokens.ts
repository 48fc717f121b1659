import type { ImageSize } from './image-size';

/**
 * Anthropic, "Vision", sections "Evaluate image size" and "Calculate image costs"
 * (docs.anthropic.com/en/docs/build-with-claude/vision): "If your image's long edge is more than
 * 1568 pixels, or your image is more than ~1,600 tokens, it will first be scaled down, preserving
 * aspect ratio", and then "tokens = (width px * height px)/750". 1,600 tokens is 1,200,000 pixels;
 * the guide's table of the largest sizes left alone (1092×1092, 951×1268, 896×1344, 819×1456,
 * 784×1568) lies within 3% of it. (Its separate advice to stay under 1.15 megapixels is for
 * latency, not a resize the API makes.)
 */
const LONG_EDGE = 1568;
const PIXELS_PER_TOKEN = 750;
const MAX_TOKENS_UNRESIZED = 1600;
const MAX_PIXELS = MAX_TOKENS_UNRESIZED * PIXELS_PER_TOKEN;

/** The size Claude scales the image to; rounded down so the result is inside both limits. */
export function anthropicSentSize(size: ImageSize): ImageSize {
  const scale = Math.min(
    1,
    LONG_EDGE / Math.max(size.width, size.height),
    Math.sqrt(MAX_PIXELS / (size.width * size.height)),
  );
  if (scale === 1) return size;
  // A hair of tolerance: 1568 / 3136 × 3136 must stay 1568, not floor to 1567.
  return {
    width: Math.max(1, Math.floor(size.width * scale + 1e-9)),
    height: Math.max(1, Math.floor(size.height * scale + 1e-9)),
  };
}

/** Rounded up: the guide's own examples do (200×200 → 54, 1000×1000 → 1334, 1092×1092 → 1590). */
export function anthropicImageTokens(size: ImageSize): number {
  const sent = anthropicSentSize(size);
  return Math.floor((sent.width * sent.height + PIXELS_PER_TOKEN - 1) / PIXELS_PER_TOKEN);
}
