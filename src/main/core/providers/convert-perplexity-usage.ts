import { countAt, objectAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage, dollarsToNanos } from './usage-fields';

/**
 * Perplexity's usage is OpenAI's plus its web search: `num_search_queries`,
 * `search_context_size` and `citation_tokens` stay in the raw usage, where the search fee can be
 * priced from; `cost.total_cost` is what Perplexity charged in USD, request fee included.
 * Its `reasoning_tokens` are not said to be inside `completion_tokens`, so they stay raw too.
 */
export function convertPerplexityUsage(usage: JsonObject): ProviderUsage {
  return compactUsage({
    inputTokens: countAt(usage, 'prompt_tokens'),
    outputTokens: countAt(usage, 'completion_tokens'),
    providerCostNanos: dollarsToNanos(objectAt(usage, 'cost')?.total_cost),
    raw: usage,
  });
}
