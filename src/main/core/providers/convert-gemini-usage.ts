import { countAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage, sumKnown } from './usage-fields';

/**
 * Gemini's `promptTokenCount` already includes cached content; its output is split into
 * `candidatesTokenCount` (the answer) and `thoughtsTokenCount` (thinking), which we add up.
 */
export function convertGeminiUsage(usageMetadata: JsonObject): ProviderUsage {
  const thoughts = countAt(usageMetadata, 'thoughtsTokenCount');
  return compactUsage({
    inputTokens: countAt(usageMetadata, 'promptTokenCount'),
    outputTokens: sumKnown(countAt(usageMetadata, 'candidatesTokenCount'), thoughts),
    cachedInputTokens: countAt(usageMetadata, 'cachedContentTokenCount'),
    reasoningTokens: thoughts,
    raw: usageMetadata,
  });
}
