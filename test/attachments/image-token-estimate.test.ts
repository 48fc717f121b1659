import { describe, expect, it } from 'vitest';
import { estimateImageTokens, imageDownscaleTarget } from '../../src/main/core/attachments/image-token-estimate';
import { patchFit } from '../../src/main/core/attachments/openai-image-tokens';

const size = (width: number, height: number) => ({ width, height });

describe('OpenAI image tokens (guide "Images and vision", "Calculating costs")', () => {
  it("prices the guide's worked tile examples exactly", () => {
    // "A 1024 x 1024 square image in detail: high mode costs 765 tokens" (scaled to 768 x 768, 4 tiles).
    expect(estimateImageTokens('openai', 'gpt-4o', size(1024, 1024), 'high')).toEqual({
      tokens: 765,
      estimated: true,
      sentSize: size(768, 768),
      downscaled: true,
    });
    // "A 2048 x 4096 image in detail: high mode costs 1105 tokens" (1024 x 2048, then 768 x 1536, 6 tiles).
    expect(estimateImageTokens('openai', 'gpt-4o', size(2048, 4096), 'high')).toEqual({
      tokens: 1105,
      estimated: true,
      sentSize: size(768, 1536),
      downscaled: true,
    });
    // "A 4096 x 8192 image in detail: low most costs 85 tokens"; the model sees it within 512 x 512.
    expect(estimateImageTokens('openai', 'gpt-4o', size(4096, 8192), 'low')).toEqual({
      tokens: 85,
      estimated: true,
      sentSize: size(256, 512),
      downscaled: true,
    });
  });

  it('applies each model family its own base and tile tokens from the guide', () => {
    const tokens = (model: string, detail: 'low' | 'high') =>
      estimateImageTokens('openai', model, size(1024, 1024), detail).tokens;
    expect(tokens('gpt-4.1', 'high')).toBe(85 + 4 * 170);
    expect(tokens('gpt-4o-mini', 'high')).toBe(2833 + 4 * 5667);
    expect(tokens('gpt-4o-mini-2024-07-18', 'low')).toBe(2833);
    expect(tokens('o3', 'high')).toBe(75 + 4 * 150);
    expect(tokens('o1-pro', 'low')).toBe(75);
    expect(tokens('gpt-5', 'high')).toBe(70 + 4 * 140);
    expect(tokens('computer-use-preview', 'high')).toBe(65 + 4 * 129);
    expect(tokens('openai/gpt-4o', 'high')).toBe(765);
  });

  it("counts detail auto as high, the worst case, and never enlarges a small image", () => {
    expect(estimateImageTokens('openai', 'gpt-4o', size(1024, 1024)).tokens).toBe(765);
    expect(estimateImageTokens('openai', 'gpt-4o', size(512, 512), 'high')).toEqual({
      tokens: 85 + 170,
      estimated: true,
      sentSize: size(512, 512),
      downscaled: false,
    });
  });

  it('rounds the fitted size to whole pixels, as bills measured on the forum show (2049x513: 2 rows, 2050x513: 1)', () => {
    // Measured 1453 and 773 input tokens, each with the same 8 tokens of text beside the image.
    expect(estimateImageTokens('openai', 'gpt-4.1', size(2049, 513), 'high').tokens).toBe(1445);
    expect(estimateImageTokens('openai', 'gpt-4.1', size(2050, 513), 'high').tokens).toBe(765);
  });

  it("reproduces the guide's patch examples: 1024x1024 is 1024 patches, 1800x2400 shrinks to 1056x1408, 1452 patches", () => {
    expect(patchFit(size(1024, 1024))).toEqual({ size: size(1024, 1024), patches: 1024 });
    expect(patchFit(size(1800, 2400))).toEqual({ size: size(1056, 1408), patches: 1452 });
  });

  it("multiplies patches by the guide's per-model factor (1.62, 2.46, 1.72), rounding a fraction up", () => {
    expect(estimateImageTokens('openai', 'gpt-4.1-mini', size(1024, 1024), 'high')).toEqual({
      tokens: 1659, // 1024 × 1.62 = 1658.88
      estimated: true,
      sentSize: size(1024, 1024),
      downscaled: false,
    });
    expect(estimateImageTokens('openai', 'gpt-4.1-nano', size(1800, 2400), 'high')).toEqual({
      tokens: 3572, // 1452 × 2.46 = 3571.92
      estimated: true,
      sentSize: size(1056, 1408),
      downscaled: true,
    });
    expect(estimateImageTokens('openai', 'o4-mini', size(1800, 2400), 'low').tokens).toBe(2498); // 1452 × 1.72
    expect(estimateImageTokens('openai', 'gpt-5-mini', size(1024, 1024), 'high').tokens).toBe(1659);
  });
});

describe('Anthropic image tokens (guide "Vision", "Calculate image costs")', () => {
  it("prices the guide's table exactly: 200x200 ~54, 1000x1000 ~1334, 1092x1092 ~1590", () => {
    expect(estimateImageTokens('anthropic', 'claude-sonnet-4-5', size(200, 200))).toEqual({
      tokens: 54,
      estimated: true,
      sentSize: size(200, 200),
      downscaled: false,
    });
    expect(estimateImageTokens('anthropic', 'claude-sonnet-4-5', size(1000, 1000)).tokens).toBe(1334);
    expect(estimateImageTokens('anthropic', 'claude-sonnet-4-5', size(1092, 1092))).toEqual({
      tokens: 1590,
      estimated: true,
      sentSize: size(1092, 1092),
      downscaled: false,
    });
  });

  it('leaves alone the largest 1:1 and 9:16 sizes the guide says are not resized', () => {
    expect(imageDownscaleTarget('anthropic', 'claude-opus-4-1', size(819, 1456))).toEqual(size(819, 1456));
    expect(imageDownscaleTarget('anthropic', 'claude-opus-4-1', size(1092, 1092))).toEqual(size(1092, 1092));
  });

  it('downscales a photo to within ~1,600 tokens and a long strip to a 1568 px long edge', () => {
    expect(estimateImageTokens('anthropic', 'claude-sonnet-4-5', size(3000, 2000))).toEqual({
      tokens: 1599, // 1341 × 894 / 750 = 1598.5
      estimated: true,
      sentSize: size(1341, 894),
      downscaled: true,
    });
    expect(estimateImageTokens('anthropic', 'claude-sonnet-4-5', size(4000, 500))).toEqual({
      tokens: 410, // 1568 × 196 / 750 = 409.8
      estimated: true,
      sentSize: size(1568, 196),
      downscaled: true,
    });
  });
});

describe('Gemini image tokens (guide "Understand and count tokens")', () => {
  it('counts an image with both sides at most 384 px as 258 tokens', () => {
    expect(estimateImageTokens('gemini', 'gemini-2.5-flash', size(384, 384))).toEqual({
      tokens: 258,
      estimated: true,
      sentSize: size(384, 384),
      downscaled: false,
    });
    expect(estimateImageTokens('gemini', 'gemini-2.0-flash', size(100, 20)).tokens).toBe(258);
  });

  it('counts a larger image as 768x768 tiles of 258 tokens each', () => {
    expect(estimateImageTokens('gemini', 'gemini-2.5-pro', size(385, 200)).tokens).toBe(258);
    expect(estimateImageTokens('gemini', 'gemini-2.5-pro', size(768, 768)).tokens).toBe(258);
    expect(estimateImageTokens('gemini', 'gemini-2.5-pro', size(1024, 1024)).tokens).toBe(4 * 258);
  });

  it('scales an image down to fit 3072x3072 before tiling it', () => {
    expect(estimateImageTokens('gemini', 'gemini-2.5-flash', size(3840, 2160))).toEqual({
      tokens: 12 * 258, // 3072 × 1728: 4 × 3 tiles
      estimated: true,
      sentSize: size(3072, 1728),
      downscaled: true,
    });
  });

  it("gives a Gemini 3 image the default high media-resolution budget, 1,120 tokens", () => {
    expect(estimateImageTokens('gemini', 'gemini-3-pro-preview', size(200, 200)).tokens).toBe(1120);
    expect(estimateImageTokens('gemini', 'google/gemini-3-flash-preview', size(4000, 3000)).tokens).toBe(1120);
  });
});

describe('image sizes', () => {
  it('refuses a size that is not whole positive pixels', () => {
    expect(() => estimateImageTokens('anthropic', 'claude-sonnet-4-5', size(0, 10))).toThrow(
      'An image must be at least 1×1 whole pixels; got 0×10.',
    );
  });
});
