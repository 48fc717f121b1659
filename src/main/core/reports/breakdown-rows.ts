import type { BreakdownRow, UsageTotalsView } from '../../../shared/contract/spending-contract';
import type { Nanodollars } from '../../../shared/money';
import { averageCost, shareBasisPoints, type UsageSums } from './usage-sums';

export function totalsView(sums: UsageSums): UsageTotalsView {
  return {
    requests: sums.requests - sums.refused,
    refused: sums.refused,
    inputTokens: sums.inputTokens,
    cachedInputTokens: sums.cachedInputTokens,
    cacheWriteTokens: sums.cacheWriteTokens,
    outputTokens: sums.outputTokens,
    reasoningTokens: sums.reasoningTokens,
    costNanos: sums.cost,
    unpricedRequests: sums.unpriced,
    estimatedRequests: sums.estimated,
    avgCostNanos: averageCost(sums),
  };
}

/** One line of a breakdown table; `requests` counts sent requests (refused ones cost nothing). */
export function breakdownRow(key: string, label: string, detail: string | null, sums: UsageSums, periodCost: Nanodollars): BreakdownRow {
  return {
    key,
    label,
    detail,
    requests: sums.requests - sums.refused,
    inputTokens: sums.inputTokens,
    outputTokens: sums.outputTokens,
    costNanos: sums.cost,
    unpricedRequests: sums.unpriced,
    estimatedRequests: sums.estimated,
    avgCostNanos: averageCost(sums),
    shareBasisPoints: shareBasisPoints(sums.cost, periodCost),
  };
}

/** Biggest cost first, then most requests, then by name: a stable order for equal rows. */
export function byCostDescending(a: BreakdownRow, b: BreakdownRow): number {
  return b.costNanos - a.costNanos || b.requests - a.requests || a.label.localeCompare(b.label);
}
