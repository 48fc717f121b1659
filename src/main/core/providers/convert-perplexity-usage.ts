import { countAt, objectAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { isSearchContextSize } from '../../../shared/usage';
import { compactUsage, dollarsToNanos } from './usage-fields';

/**
 * Perplexity's usage is OpenAI's plus its web search: `num_search_queries` is the count a
 * per-search price applies to (sonar-deep-research's); `search_context_size` picks the request
 * fee (search-context-fees.ts); `citation_tokens` stay in the raw usage; `cost.total_cost` is what Perplexity charged in USD, request fee included.
 * Its `reasoning_tokens` are not said to be inside `completion_tokens`, so they stay raw too.
 */
export function convertPerplexityUsage(usage: JsonObject): ProviderUsage {
  return compactUsage({
    inputTokens: countAt(usage, 'prompt_tokens'),
    outputTokens: countAt(usage, 'completion_tokens'),
    providerCostNanos: dollarsToNanos(objectAt(usage, 'cost')?.total_cost),
    webSearches: countAt(usage, 'num_search_queries'),
    ...(isSearchContextSize(usage.search_context_size) ? { searchContextSize: usage.search_context_size } : {}),
    raw: usage,
  });
}
