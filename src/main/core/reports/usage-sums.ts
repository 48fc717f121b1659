import { nanodollars, roundHalfEven, type Nanodollars } from '../../../shared/money';

/**
 * Sums over final ledger rows, the same whether read from the ledger or from its daily rollup:
 * `requests` counts every final row (refused ones too, also counted in `refused`), unknown token
 * counts add nothing, `cost` sums known costs, and `unpriced` counts sent rows whose price was
 * unknown (refused rows were never sent, so they have no price to be unknown).
 */
export interface UsageSums {
  requests: number;
  refused: number;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  cost: Nanodollars;
  unpriced: number;
  estimated: number;
}

/** Column list for `usage_daily_rollup` (one row per day × provider × model × status). */
export const ROLLUP_SUMS_SQL = `
  COALESCE(SUM(requests), 0) AS requests,
  COALESCE(SUM(CASE WHEN status = 'refused' THEN requests ELSE 0 END), 0) AS refused,
  COALESCE(SUM(input_tokens), 0) AS inputTokens,
  COALESCE(SUM(cached_input_tokens), 0) AS cachedInputTokens,
  COALESCE(SUM(cache_write_tokens), 0) AS cacheWriteTokens,
  COALESCE(SUM(output_tokens), 0) AS outputTokens,
  COALESCE(SUM(reasoning_tokens), 0) AS reasoningTokens,
  COALESCE(SUM(cost_usd_nanos), 0) AS cost,
  COALESCE(SUM(unpriced_requests), 0) AS unpriced,
  COALESCE(SUM(estimated_requests), 0) AS estimated`;

/** The same sums straight from `requests` (alias `r`); the caller keeps open rows out. */
export const LEDGER_SUMS_SQL = `
  COUNT(*) AS requests,
  COALESCE(SUM(r.status = 'refused'), 0) AS refused,
  COALESCE(SUM(r.input_tokens), 0) AS inputTokens,
  COALESCE(SUM(r.cached_input_tokens), 0) AS cachedInputTokens,
  COALESCE(SUM(r.cache_write_tokens), 0) AS cacheWriteTokens,
  COALESCE(SUM(r.output_tokens), 0) AS outputTokens,
  COALESCE(SUM(r.reasoning_tokens), 0) AS reasoningTokens,
  COALESCE(SUM(r.cost_usd_nanos), 0) AS cost,
  COALESCE(SUM(r.cost_usd_nanos IS NULL AND r.status != 'refused'), 0) AS unpriced,
  COALESCE(SUM(r.usage_source = 'estimated'), 0) AS estimated`;

/** Final rows only: a running request adds nothing until it is finalized (as in the budgets). */
export const FINAL_ROWS_SQL = `r.status NOT IN ('pending', 'streaming')`;

export type SumsRow = Omit<UsageSums, 'cost'> & { cost: number };

export function toSums(row: SumsRow): UsageSums {
  return {
    requests: row.requests,
    refused: row.refused,
    inputTokens: row.inputTokens,
    cachedInputTokens: row.cachedInputTokens,
    cacheWriteTokens: row.cacheWriteTokens,
    outputTokens: row.outputTokens,
    reasoningTokens: row.reasoningTokens,
    cost: nanodollars(row.cost),
    unpriced: row.unpriced,
    estimated: row.estimated,
  };
}

export const EMPTY_SUMS: UsageSums = toSums({
  requests: 0,
  refused: 0,
  inputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  reasoningTokens: 0,
  cost: 0,
  unpriced: 0,
  estimated: 0,
});

export function addSums(a: UsageSums, b: UsageSums): UsageSums {
  return {
    requests: a.requests + b.requests,
    refused: a.refused + b.refused,
    inputTokens: a.inputTokens + b.inputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    cost: nanodollars(a.cost + b.cost),
    unpriced: a.unpriced + b.unpriced,
    estimated: a.estimated + b.estimated,
  };
}

/** Requests that were sent and have a known cost. */
export function pricedRequests(sums: UsageSums): number {
  return sums.requests - sums.refused - sums.unpriced;
}

/** Average cost of a priced request, rounded half to even; null when none is priced. */
export function averageCost(sums: UsageSums): Nanodollars | null {
  const priced = pricedRequests(sums);
  return priced > 0 ? nanodollars(roundHalfEven(BigInt(sums.cost), BigInt(priced))) : null;
}

/** A part's share of a whole in basis points, rounded half to even; null when the whole is 0. */
export function shareBasisPoints(part: Nanodollars, whole: Nanodollars): number | null {
  return whole > 0 ? Number(roundHalfEven(BigInt(part) * 10_000n, BigInt(whole))) : null;
}
