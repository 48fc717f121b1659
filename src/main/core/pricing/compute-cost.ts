import { costOfTokens, sumNanodollars, type Nanodollars } from '../../../shared/money';
import type { TokenUsage } from '../../../shared/usage';
import type { PriceTier, TokenPrices, UnitPrices } from './unit-prices';

export interface CostBreakdown {
  input: Nanodollars;
  cachedInput: Nanodollars;
  cacheWrite: Nanodollars;
  output: Nanodollars;
  /** The sum of the four rounded components, so a breakdown always adds up to its total. */
  total: Nanodollars;
  /** Index into prices.tiers of the tier that priced the request; undefined for the base prices. */
  appliedTier?: number;
}

/**
 * What a request cost. Each component is tokens × price / 1,000,000, rounded half to even to a
 * whole nano-dollar in BigInt (costOfTokens). Uncached input is inputTokens minus the cache reads
 * and writes it includes; cache tokens without a price of their own cost the input price, as the
 * catalog computes it. Reasoning tokens are part of outputTokens and are charged once, with it.
 *
 * A report with more cache tokens than input tokens contradicts itself: the cache counts are
 * charged as reported and the uncached input clamps to zero. Throwing instead would fail the
 * finalize of a call the provider has already billed.
 */
export function computeCost(usage: TokenUsage, prices: UnitPrices): CostBreakdown {
  const cachedTokens = usage.cachedInputTokens ?? 0;
  const writeTokens = usage.cacheWriteTokens ?? 0;
  const uncachedTokens = Math.max(0, usage.inputTokens - cachedTokens - writeTokens);

  const tier = applicableTier(prices.tiers, usage.inputTokens);
  const unit: TokenPrices = tier === undefined ? prices : tier.prices;

  const input = costOfTokens(uncachedTokens, unit.input);
  const cachedInput = costOfTokens(cachedTokens, unit.cacheRead ?? unit.input);
  const cacheWrite = costOfTokens(writeTokens, unit.cacheWrite ?? unit.input);
  const output = costOfTokens(usage.outputTokens, unit.output);
  const total = sumNanodollars([input, cachedInput, cacheWrite, output]);
  return tier === undefined
    ? { input, cachedInput, cacheWrite, output, total }
    : { input, cachedInput, cacheWrite, output, total, appliedTier: tier.index };
}

/**
 * The tier with the highest threshold the request's total input exceeds. Its prices apply to every
 * token of the request, output and cache included: that is how Gemini 2.5 Pro and Anthropic's long
 * context price a prompt over 200k tokens, and how the catalog's calcPrice applies its tiers.
 */
function applicableTier(
  tiers: readonly PriceTier[] | undefined,
  inputTokens: number,
): { index: number; prices: PriceTier } | undefined {
  let best: { index: number; prices: PriceTier } | undefined;
  for (const [index, tier] of (tiers ?? []).entries()) {
    const exceeded = inputTokens > tier.startsAboveInputTokens;
    if (exceeded && (best === undefined || tier.startsAboveInputTokens > best.prices.startsAboveInputTokens)) {
      best = { index, prices: tier };
    }
  }
  return best;
}
