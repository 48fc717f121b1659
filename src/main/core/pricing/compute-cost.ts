import { costOfTokens, sumNanodollars, type Nanodollars, type NanodollarsPerMTok } from '../../../shared/money';
import type { TokenUsage } from '../../../shared/usage';
import { priceCallFees, totalCallFees, type CallCounts, type CallFees } from './call-fees';
import { cacheWrite1hPrice } from './cache-write-1h-price';
import type { PriceTier, TokenPrices, UnitPrices } from './unit-prices';

export interface CostBreakdown {
  input: Nanodollars;
  cachedInput: Nanodollars;
  /** Cache writes other than 1-hour ones (Anthropic's 5-minute writes, every other vendor's). */
  cacheWrite: Nanodollars;
  /** Anthropic's 1-hour cache writes, at their own price. */
  cacheWrite1h: Nanodollars;
  output: Nanodollars;
  /** Per-call fees (a request fee, web searches), each with its count and price. */
  fees: CallFees;
  /** The sum of the rounded components and the fees, so a breakdown always adds up to its total. */
  total: Nanodollars;
  /** The 1-hour write price charged, present when the usage reported 1-hour writes. */
  cacheWrite1hPrice?: NanodollarsPerMTok;
  /** Index into prices.tiers of the tier that priced the request; undefined for the base prices. */
  appliedTier?: number;
}

/**
 * What a request cost. Each token component is tokens × price / 1,000,000, rounded half to even
 * to a whole nano-dollar in BigInt (costOfTokens); each fee is calls × price per call. Uncached
 * input is inputTokens minus the cache reads and writes it includes; cache tokens without a price
 * of their own cost the input price, as the catalog computes it, except 1-hour writes
 * (cache-write-1h-price.ts). Reasoning tokens are part of outputTokens and are charged once, with it.
 *
 * A report with more cache tokens than input tokens contradicts itself: the cache counts are
 * charged as reported and the uncached input clamps to zero. Throwing instead would fail the
 * finalize of a call the provider has already billed.
 */
export function computeCost(usage: TokenUsage, prices: UnitPrices, calls: CallCounts = {}): CostBreakdown {
  const cachedTokens = usage.cachedInputTokens ?? 0;
  const writeTokens = usage.cacheWriteTokens ?? 0;
  const write1hTokens = Math.min(usage.cacheWrite1hTokens ?? 0, writeTokens);
  const uncachedTokens = Math.max(0, usage.inputTokens - cachedTokens - writeTokens);

  const tier = applicableTier(prices.tiers, usage.inputTokens);
  const unit: TokenPrices = tier === undefined ? prices : tier.prices;
  const price1h = cacheWrite1hPrice(unit);

  const input = costOfTokens(uncachedTokens, unit.input);
  const cachedInput = costOfTokens(cachedTokens, unit.cacheRead ?? unit.input);
  const cacheWrite = costOfTokens(writeTokens - write1hTokens, unit.cacheWrite ?? unit.input);
  const cacheWrite1h = costOfTokens(write1hTokens, price1h);
  const output = costOfTokens(usage.outputTokens, unit.output);
  const fees = priceCallFees(calls, prices.calls);
  const total = sumNanodollars([input, cachedInput, cacheWrite, cacheWrite1h, output, totalCallFees(fees)]);
  return {
    input,
    cachedInput,
    cacheWrite,
    cacheWrite1h,
    output,
    fees,
    total,
    ...(usage.cacheWrite1hTokens !== undefined ? { cacheWrite1hPrice: price1h } : {}),
    ...(tier === undefined ? {} : { appliedTier: tier.index }),
  };
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
