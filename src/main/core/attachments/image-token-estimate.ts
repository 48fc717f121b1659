import { anthropicImageTokens, anthropicSentSize } from './anthropic-image-tokens';
import { geminiImageTokens, geminiSentSize } from './gemini-image-tokens';
import { sameSize, type ImageSize } from './image-size';
import { openAiImageRule, openAiImageTokens, openAiSentSize, type ImageDetail } from './openai-image-tokens';

export type { ImageDetail } from './openai-image-tokens';

/**
 * Whose published rule prices the image: the vendor whose wire format carries it. OpenAI-compatible
 * hosts that resell these models pick the rule of the model's maker.
 */
export type ImageRuleVendor = 'openai' | 'anthropic' | 'gemini';

export interface ImageTokenEstimate {
  readonly tokens: number;
  /** Until the provider's usage arrives, an image's tokens are only the vendor's published rule. */
  readonly estimated: true;
  /** What the image is sent as after downscaling; equal to the original when none is needed. */
  readonly sentSize: ImageSize;
  readonly downscaled: boolean;
}

/**
 * The size the image should be downscaled to before sending: the vendor resizes anything larger to
 * this itself, so sending more pixels only costs upload time. The composer shows it as
 * "downscaled to W×H".
 */
export function imageDownscaleTarget(
  vendor: ImageRuleVendor,
  model: string,
  size: ImageSize,
  detail: ImageDetail = 'auto',
): ImageSize {
  switch (vendor) {
    case 'openai':
      return openAiSentSize(openAiImageRule(model), size, detail);
    case 'anthropic':
      return anthropicSentSize(size);
    case 'gemini':
      return geminiSentSize(size);
  }
}

/** The image's input tokens by the vendor's published rule, counted on its downscaled size. */
export function estimateImageTokens(
  vendor: ImageRuleVendor,
  model: string,
  size: ImageSize,
  detail: ImageDetail = 'auto',
): ImageTokenEstimate {
  assertPixels(size);
  const sentSize = imageDownscaleTarget(vendor, model, size, detail);
  return {
    tokens: tokensFor(vendor, model, size, detail),
    estimated: true,
    sentSize,
    downscaled: !sameSize(sentSize, size),
  };
}

function tokensFor(vendor: ImageRuleVendor, model: string, size: ImageSize, detail: ImageDetail): number {
  switch (vendor) {
    case 'openai':
      return openAiImageTokens(openAiImageRule(model), size, detail);
    case 'anthropic':
      return anthropicImageTokens(size);
    case 'gemini':
      return geminiImageTokens(model, size);
  }
}

function assertPixels(size: ImageSize): void {
  if (!Number.isSafeInteger(size.width) || !Number.isSafeInteger(size.height) || size.width < 1 || size.height < 1) {
    throw new RangeError(`An image must be at least 1×1 whole pixels; got ${size.width}×${size.height}.`);
  }
}
