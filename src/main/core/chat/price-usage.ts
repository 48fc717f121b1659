import type { Nanodollars } from '../../../shared/money';
import type { TokenUsage } from '../../../shared/usage';
import type { ChargedPrices } from '../ledger/ledger-types';
import type { ResolvedPrice } from '../price-overrides/resolve-price';
import { computeCost } from '../pricing/compute-cost';

export interface PricedUsage {
  cost: Nanodollars | null;
  charged?: ChargedPrices;
}

/** Cost of a usage at a resolved price; the row records the tier's prices when a tier applied. */
export function priceUsage(price: ResolvedPrice | undefined, usage: TokenUsage): PricedUsage {
  if (!price) return { cost: null };
  const breakdown = computeCost(usage, price.prices);
  const tier = breakdown.appliedTier === undefined ? undefined : price.prices.tiers?.[breakdown.appliedTier];
  if (!tier) return { cost: breakdown.total, charged: price.charged };
  const { startsAboveInputTokens: _threshold, ...tierPrices } = tier;
  return { cost: breakdown.total, charged: { ...tierPrices, source: price.charged.source } };
}
