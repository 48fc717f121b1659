/**
 * Token usage in one shape for every provider (DESIGN.md, "Tokens, normalized"):
 * inputTokens counts every prompt token, cached reads and cache writes included;
 * cachedInputTokens and cacheWriteTokens are parts of it. outputTokens counts every generated
 * token, reasoning included; reasoningTokens is a part of it. Unknown is undefined, never 0.
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  /**
   * Cache writes by lifetime, parts of cacheWriteTokens, where the vendor reports them apart
   * (Anthropic's 5-minute and 1-hour writes are priced differently).
   */
  cacheWrite5mTokens?: number;
  cacheWrite1hTokens?: number;
  reasoningTokens?: number;
}

export type UsageSource = 'provider' | 'estimated';

/** How much web context a search-backed request used (Perplexity's and OpenAI's `search_context_size`). */
export const SEARCH_CONTEXT_SIZES = ['low', 'medium', 'high'] as const;
export type SearchContextSize = (typeof SEARCH_CONTEXT_SIZES)[number];

export function isSearchContextSize(value: unknown): value is SearchContextSize {
  return typeof value === 'string' && (SEARCH_CONTEXT_SIZES as readonly string[]).includes(value);
}
