import { countAt, objectAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage, dollarsToNanos } from './usage-fields';

/**
 * OpenAI Chat Completions usage and what compatible servers add to it. `prompt_tokens` already
 * counts cached tokens, as our input does. DeepSeek reports its cache hits as
 * `prompt_cache_hit_tokens`; OpenRouter adds `cost` in USD.
 */
export function convertOpenAiUsage(usage: JsonObject): ProviderUsage {
  const promptDetails = objectAt(usage, 'prompt_tokens_details');
  const completionDetails = objectAt(usage, 'completion_tokens_details');
  return compactUsage({
    inputTokens: countAt(usage, 'prompt_tokens'),
    outputTokens: countAt(usage, 'completion_tokens'),
    cachedInputTokens: countAt(promptDetails, 'cached_tokens') ?? countAt(usage, 'prompt_cache_hit_tokens'),
    reasoningTokens: countAt(completionDetails, 'reasoning_tokens'),
    providerCostNanos: dollarsToNanos(usage.cost),
    raw: usage,
  });
}
