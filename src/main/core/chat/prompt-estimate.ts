import type { Nanodollars } from '../../../shared/money';
import type { ResolvedPrice } from '../price-overrides/resolve-price';
import { computeCost } from '../pricing/compute-cost';
import type { ChatMessage } from '../providers/provider-types';
import { countPromptTokens } from '../tokens/count-prompt-tokens';
import type { TokenCountCache } from '../tokens/token-count-cache';
import type { PreflightEstimate } from './chat-types';

export interface OutputRoom {
  /** The answer's room plus the thinking budget. */
  expectedOutputTokens: number;
  thinkingBudgetTokens: number;
}

/**
 * Pre-flight's estimate: the prompt's tokens (exact for OpenAI encodings, estimated otherwise;
 * the cache means only new text is tokenized) plus the expected output, priced. A prefix marked
 * for the provider's cache is priced as a cache write, its worst case (a later turn that reads it
 * back costs less, never more). The request's own fee (Perplexity's) is in it, so a cap cannot be
 * passed by the fee; a per-search fee is not, as the number of searches is the provider's choice.
 */
export function estimatePrompt(
  model: string,
  messages: readonly ChatMessage[],
  room: OutputRoom,
  price: ResolvedPrice | undefined,
  cache: TokenCountCache,
): PreflightEstimate {
  const prompt = countPromptTokens(model, messages, cache);
  const lastMark = messages.findLastIndex((m) => m.cacheBreakpoint === true);
  const cacheWriteTokens = lastMark < 0 ? 0 : Math.min(prompt.tokens, countPromptTokens(model, messages.slice(0, lastMark + 1), cache).tokens);
  const cost: Nanodollars | null = price
    ? computeCost({ inputTokens: prompt.tokens, outputTokens: room.expectedOutputTokens, cacheWriteTokens }, price.prices, { requests: 1 }).total
    : null;
  return { inputTokens: prompt.tokens, exact: prompt.exact, ...room, cost };
}
