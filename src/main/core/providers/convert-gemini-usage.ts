import { countAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage, sumKnown } from './usage-fields';

/**
 * Gemini's `promptTokenCount` already includes cached content; its output is split into
 * `candidatesTokenCount` (the answer) and `thoughtsTokenCount` (thinking), which we add up.
 * Search units are not in usageMetadata: the caller counts them from the grounding metadata
 * (gemini-grounding.ts), and a grounded answer may report them before any token count.
 */
export function convertGeminiUsage(usageMetadata: JsonObject | undefined, webSearches?: number): ProviderUsage {
  const thoughts = countAt(usageMetadata, 'thoughtsTokenCount');
  return compactUsage({
    inputTokens: countAt(usageMetadata, 'promptTokenCount'),
    outputTokens: sumKnown(countAt(usageMetadata, 'candidatesTokenCount'), thoughts),
    cachedInputTokens: countAt(usageMetadata, 'cachedContentTokenCount'),
    reasoningTokens: thoughts,
    webSearches,
    raw: usageMetadata ?? null,
  });
}
