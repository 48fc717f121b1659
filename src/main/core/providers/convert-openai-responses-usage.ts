import { countAt, objectAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage, dollarsToNanos } from './usage-fields';

/**
 * OpenAI Responses API usage (`response.usage`). As in ours, `input_tokens` includes the cached
 * `input_tokens_details.cached_tokens` and `output_tokens` includes the
 * `output_tokens_details.reasoning_tokens`. OpenRouter's Responses API adds `cost` in USD.
 */
export function convertOpenAiResponsesUsage(usage: JsonObject): ProviderUsage {
  return compactUsage({
    inputTokens: countAt(usage, 'input_tokens'),
    outputTokens: countAt(usage, 'output_tokens'),
    cachedInputTokens: countAt(objectAt(usage, 'input_tokens_details'), 'cached_tokens'),
    reasoningTokens: countAt(objectAt(usage, 'output_tokens_details'), 'reasoning_tokens'),
    providerCostNanos: dollarsToNanos(usage.cost),
    raw: usage,
  });
}
