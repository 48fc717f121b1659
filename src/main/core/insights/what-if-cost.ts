import { nanodollars, type Nanodollars } from '../../../shared/money';
import { computeCost } from '../pricing/compute-cost';
import type { UnitPrices } from '../pricing/unit-prices';

/** The token counts one ledger row stored, and the cost it was charged at its frozen prices. */
export interface StoredTokens {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  /** Null: the row's own price was unknown. */
  costNanos: number | null;
}

export interface WhatIfSums {
  requests: number;
  actual: Nanodollars;
  unpricedRequests: number;
  whatIf: Nanodollars;
}

export const emptyWhatIfSums = (): WhatIfSums => ({ requests: 0, actual: nanodollars(0), unpricedRequests: 0, whatIf: nanodollars(0) });

/**
 * Adds one stored row to the sums: its actual cost as the ledger froze it, and what the same
 * tokens cost at `prices` by the pricing module's own rule (computeCost: per component, half to
 * even, tiers by the row's input). Reads only: the row keeps its frozen cost.
 */
export function addWhatIf(sums: WhatIfSums, row: StoredTokens, prices: UnitPrices): WhatIfSums {
  const whatIf = computeCost(
    {
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      ...(row.cachedInputTokens !== null ? { cachedInputTokens: row.cachedInputTokens } : {}),
      ...(row.cacheWriteTokens !== null ? { cacheWriteTokens: row.cacheWriteTokens } : {}),
    },
    prices,
  ).total;
  return {
    requests: sums.requests + 1,
    actual: nanodollars(sums.actual + (row.costNanos ?? 0)),
    unpricedRequests: sums.unpricedRequests + (row.costNanos === null ? 1 : 0),
    whatIf: nanodollars(sums.whatIf + whatIf),
  };
}
