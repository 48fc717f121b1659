import type { Nanodollars } from '../../../shared/money';
import type { ResolvedPrice } from '../price-overrides/resolve-price';
import { computeCost } from '../pricing/compute-cost';
import type { ChatMessage } from '../providers/provider-types';
import { countPromptTokens } from '../tokens/count-prompt-tokens';
import type { TokenCountCache } from '../tokens/token-count-cache';
import type { PreflightEstimate } from './chat-types';

/** The prompt's share of the pre-flight; the chat service adds what it knows of files and searches. */
export type PromptEstimate = Pick<PreflightEstimate, 'inputTokens' | 'exact' | 'expectedOutputTokens' | 'thinkingBudgetTokens' | 'cost'>;

/** What a request carries beyond its text: its files' tokens and the searches it may pay for. */
export interface PromptExtras {
  /** The attachments' input tokens by the vendors' published rules (never exact). */
  attachmentTokens: number;
  /** The most web searches the request lets the provider run (0 without web search). */
  maxWebSearches: number;
}

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
 * passed by the fee, and so are the most searches web search lets the provider run at their price.
 * Files are estimated by their vendors' rules, so a request with files is never "exact".
 */
export function estimatePrompt(
  model: string,
  messages: readonly ChatMessage[],
  room: OutputRoom,
  price: ResolvedPrice | undefined,
  cache: TokenCountCache,
  extras: PromptExtras = { attachmentTokens: 0, maxWebSearches: 0 },
): PromptEstimate {
  const text = countPromptTokens(model, messages, cache);
  const prompt = { tokens: text.tokens + extras.attachmentTokens, exact: text.exact && extras.attachmentTokens === 0 };
  const lastMark = messages.findLastIndex((m) => m.cacheBreakpoint === true);
  const cacheWriteTokens = lastMark < 0 ? 0 : Math.min(prompt.tokens, countPromptTokens(model, messages.slice(0, lastMark + 1), cache).tokens);
  const cost: Nanodollars | null = price
    ? computeCost({ inputTokens: prompt.tokens, outputTokens: room.expectedOutputTokens, cacheWriteTokens }, price.prices, {
        requests: 1,
        ...(extras.maxWebSearches > 0 ? { webSearches: extras.maxWebSearches } : {}),
      }).total
    : null;
  return { inputTokens: prompt.tokens, exact: prompt.exact, ...room, cost };
}
