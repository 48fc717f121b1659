import type { Nanodollars } from '../../../shared/money';
import type { ResolvedPrice } from '../price-overrides/resolve-price';
import { computeCost } from '../pricing/compute-cost';
import type { ChatMessage } from '../providers/provider-types';
import { countPromptTokens } from '../tokens/count-prompt-tokens';
import type { TokenCountCache } from '../tokens/token-count-cache';
import type { PreflightEstimate } from './chat-types';

/**
 * Pre-flight's estimate: the prompt's tokens (exact for OpenAI encodings, estimated otherwise;
 * the cache means only new text is tokenized) plus the expected output, priced.
 */
export function estimatePrompt(
  model: string,
  messages: readonly ChatMessage[],
  expectedOutputTokens: number,
  price: ResolvedPrice | undefined,
  cache: TokenCountCache,
  thinkingBudgetTokens = 0,
): PreflightEstimate {
  const prompt = countPromptTokens(model, messages, cache);
  const cost: Nanodollars | null = price
    ? computeCost({ inputTokens: prompt.tokens, outputTokens: expectedOutputTokens }, price.prices).total
    : null;
  return { inputTokens: prompt.tokens, exact: prompt.exact, expectedOutputTokens, thinkingBudgetTokens, cost };
}
