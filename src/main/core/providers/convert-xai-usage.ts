import { nanodollars, roundHalfEven, type Nanodollars } from '../../../shared/money';
import { convertOpenAiResponsesUsage } from './convert-openai-responses-usage';
import { countAt, objectAt, type JsonObject } from './json-guards';
import type { ProviderUsage } from './provider-types';
import { compactUsage } from './usage-fields';

/** xAI bills in ticks: 10^10 ticks = 1 USD, so one nano-dollar is ten ticks. */
const TICKS_PER_NANODOLLAR = 10n;

/**
 * xAI's Chat Completions usage. Unlike OpenAI's, its `completion_tokens` leaves out
 * `completion_tokens_details.reasoning_tokens`: our output is their sum. `cost_in_usd_ticks` is
 * what xAI charged for the call, kept beside our own price.
 */
export function convertXaiUsage(usage: JsonObject): ProviderUsage {
  const completion = countAt(usage, 'completion_tokens');
  const reasoning = countAt(objectAt(usage, 'completion_tokens_details'), 'reasoning_tokens');
  return compactUsage({
    inputTokens: countAt(usage, 'prompt_tokens'),
    // Reasoning alone is not the output: without completion_tokens the output is unknown.
    outputTokens: completion === undefined ? undefined : completion + (reasoning ?? 0),
    cachedInputTokens: countAt(objectAt(usage, 'prompt_tokens_details'), 'cached_tokens'),
    reasoningTokens: reasoning,
    providerCostNanos: ticksToNanos(usage.cost_in_usd_ticks),
    raw: usage,
  });
}

/** Integer ticks to whole nano-dollars, half to even; anything but a whole tick count is left out. */
export function ticksToNanos(ticks: unknown): Nanodollars | undefined {
  if (typeof ticks !== 'number' || !Number.isSafeInteger(ticks) || ticks < 0) return undefined;
  return nanodollars(roundHalfEven(BigInt(ticks), TICKS_PER_NANODOLLAR));
}

/**
 * xAI's Responses API usage: OpenAI's shape, `output_tokens` with the reasoning inside (its
 * `total_tokens` is input plus output), the charge in ticks, and the server-side tools' billed
 * calls in `server_side_tool_usage_details` (docs.x.ai, tools/tool-usage-details).
 */
export function convertXaiResponsesUsage(usage: JsonObject): ProviderUsage {
  return compactUsage({
    ...convertOpenAiResponsesUsage(usage),
    providerCostNanos: ticksToNanos(usage.cost_in_usd_ticks),
    webSearches: countAt(objectAt(usage, 'server_side_tool_usage_details'), 'web_search_calls'),
    raw: usage,
  });
}
