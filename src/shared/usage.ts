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
  reasoningTokens?: number;
}

export type UsageSource = 'provider' | 'estimated';
