import type { Nanodollars } from '../../../shared/money';
import type { TokenUsage } from '../../../shared/usage';
import type { ChargedFees, ChargedPrices } from '../ledger/ledger-types';
import type { ResolvedPrice } from '../price-overrides/resolve-price';
import type { CallCounts } from '../pricing/call-fees';
import { computeCost } from '../pricing/compute-cost';

export interface PricedUsage {
  cost: Nanodollars | null;
  charged?: ChargedPrices;
  /** Present when the row was charged a per-call fee. */
  fees?: ChargedFees;
}

/**
 * Cost of a usage at a resolved price; the row records the tier's prices when a tier applied, the
 * 1-hour cache-write price when it reported 1-hour writes, and each per-call fee it was charged.
 */
export function priceUsage(price: ResolvedPrice | undefined, usage: TokenUsage, calls: CallCounts = {}): PricedUsage {
  if (!price) return { cost: null };
  const breakdown = computeCost(usage, price.prices, calls);
  const tier = breakdown.appliedTier === undefined ? undefined : price.prices.tiers?.[breakdown.appliedTier];
  let charged: ChargedPrices = price.charged;
  if (tier) {
    const { startsAboveInputTokens: _threshold, cacheWrite1h: _derivedBelow, ...tierPrices } = tier;
    charged = { ...tierPrices, source: price.charged.source };
  }
  if (breakdown.cacheWrite1hPrice !== undefined) charged = { ...charged, cacheWrite1h: breakdown.cacheWrite1hPrice };
  const hasFees = Object.keys(breakdown.fees).length > 0;
  return {
    cost: breakdown.total,
    charged,
    ...(hasFees ? { fees: { fees: breakdown.fees, source: price.callFeeSource } } : {}),
  };
}
