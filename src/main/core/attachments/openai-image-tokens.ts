import { fitWithin, scaleRounded, type ImageSize } from './image-size';

/** OpenAI's `detail` on an image part; `auto` lets the model choose, so it is estimated as high. */
export type ImageDetail = 'low' | 'high' | 'auto';

/**
 * How an OpenAI model bills an image. OpenAI, "Images and vision", section "Calculating costs"
 * (platform.openai.com/docs/guides/images-vision#calculating-costs):
 * - tiles: the image is fitted within 2048×2048, then scaled so its shortest side is 768 px; each
 *   512 px tile costs `tileTokens`, plus `baseTokens` once. `detail: low` costs `baseTokens` alone.
 * - patches: the image is covered by 32×32 px patches, at most 1,536 of them (larger images are
 *   scaled down to fit), and the patch count is multiplied by a per-model factor. The guide gives
 *   no low-detail variant for these models, and bills measured on OpenAI's forum are the same for
 *   low and high.
 */
export type OpenAiImageRule =
  | { readonly kind: 'tiles'; readonly baseTokens: number; readonly tileTokens: number }
  | { readonly kind: 'patches'; readonly multiplierPercent: number };

/**
 * The guide's table of models, most specific first. gpt-4o, gpt-4.1 and gpt-4.5 take the
 * 85 + 170 × tiles rule the guide states first, and so do models the table does not name
 * (gpt-4-turbo, or a new model until it is added here).
 */
const FAMILIES: readonly { readonly pattern: RegExp; readonly rule: OpenAiImageRule }[] = [
  { pattern: /^(?:gpt-4\.1-mini|gpt-5(?:\.\d+)?-mini)(?:-|$)/, rule: { kind: 'patches', multiplierPercent: 162 } },
  { pattern: /^(?:gpt-4\.1-nano|gpt-5(?:\.\d+)?-nano)(?:-|$)/, rule: { kind: 'patches', multiplierPercent: 246 } },
  { pattern: /^o4-mini(?:-|$)/, rule: { kind: 'patches', multiplierPercent: 172 } },
  { pattern: /^gpt-4o-mini(?:-|$)/, rule: { kind: 'tiles', baseTokens: 2833, tileTokens: 5667 } },
  { pattern: /^o[13](?:-pro)?(?:-\d{4}-\d{2}-\d{2})?$/, rule: { kind: 'tiles', baseTokens: 75, tileTokens: 150 } },
  { pattern: /^computer-use-preview(?:-|$)/, rule: { kind: 'tiles', baseTokens: 65, tileTokens: 129 } },
  { pattern: /^gpt-5(?:[.-]|$)/, rule: { kind: 'tiles', baseTokens: 70, tileTokens: 140 } },
];
const DEFAULT_RULE: OpenAiImageRule = { kind: 'tiles', baseTokens: 85, tileTokens: 170 };

const TILE = 512;
const TILE_FIT = 2048;
const TILE_SHORT_SIDE = 768;
/** Low detail: "the model receives a low-resolution 512px x 512px version of the image". */
const LOW_DETAIL_FIT = 512;
const PATCH = 32;
const PATCH_CAP = 1536;

/** The rule for a model id; a router's vendor prefix ("openai/gpt-4o") is ignored. */
export function openAiImageRule(model: string): OpenAiImageRule {
  const id = model.slice(model.lastIndexOf('/') + 1).toLowerCase();
  return FAMILIES.find((family) => family.pattern.test(id))?.rule ?? DEFAULT_RULE;
}

/** The size OpenAI resizes the image to before counting it, so sending it larger buys nothing. */
export function openAiSentSize(rule: OpenAiImageRule, size: ImageSize, detail: ImageDetail): ImageSize {
  if (rule.kind === 'patches') return patchFit(size).size;
  if (detail === 'low') return fitWithin(size, LOW_DETAIL_FIT, LOW_DETAIL_FIT);
  const fitted = fitWithin(size, TILE_FIT, TILE_FIT);
  const shortest = Math.min(fitted.width, fitted.height);
  return shortest > TILE_SHORT_SIDE ? scaleRounded(fitted, TILE_SHORT_SIDE / shortest) : fitted;
}

export function openAiImageTokens(rule: OpenAiImageRule, size: ImageSize, detail: ImageDetail): number {
  if (rule.kind === 'patches') {
    // The guide does not say how a fractional product is rounded; up errs towards refusing.
    return Math.ceil((patchFit(size).patches * rule.multiplierPercent) / 100);
  }
  if (detail === 'low') return rule.baseTokens;
  const sent = openAiSentSize(rule, size, detail);
  const tiles = Math.ceil(sent.width / TILE) * Math.ceil(sent.height / TILE);
  return rule.baseTokens + tiles * rule.tileTokens;
}

/** The patch count before the model's multiplier, and the size the image is scaled to for it. */
export function patchFit(size: ImageSize): { size: ImageSize; patches: number } {
  const patches = Math.ceil(size.width / PATCH) * Math.ceil(size.height / PATCH);
  if (patches <= PATCH_CAP) return { size, patches };
  // The guide's steps: shrink by sqrt(cap × 32² / (w × h)), then shrink further so the width is a
  // whole number of patches, then count the patches covering the result (1800×2400 → 1056×1408 → 1452).
  const shrink = Math.sqrt((PATCH_CAP * PATCH * PATCH) / (size.width * size.height));
  const widthPatches = Math.max(1, Math.floor((size.width * shrink) / PATCH));
  const width = widthPatches * PATCH;
  // The height in integers (h × width / w, in patches rounded up), so 1408.000…1 cannot add a row.
  const heightTimesWidth = size.height * width;
  const heightPatches = ceilDiv(heightTimesWidth, size.width * PATCH);
  return {
    size: { width, height: Math.max(1, Math.round(heightTimesWidth / size.width)) },
    patches: widthPatches * heightPatches,
  };
}

function ceilDiv(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator - 1) / denominator);
}
