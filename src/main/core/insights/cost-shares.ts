import type { CostComponent, CostSharesView } from '../../../shared/contract/insights-contract';
import { costOfTokens, nanodollars, pricePerMTok, roundHalfEven, type Nanodollars } from '../../../shared/money';
import { computeCost, type CostBreakdown } from '../pricing/compute-cost';
import type { ReportDb } from '../reports/report-db';
import type { ResolvedPeriod } from '../reports/report-period';
import { tokenRowsOf } from './period-rows';

/** A priced ledger row: its stored tokens and the unit prices frozen on it (a tier's, when one applied). */
interface PricedRow {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  cacheWrite1hTokens: number | null;
  reasoningTokens: number | null;
  priceInput: number;
  priceOutput: number;
  priceCacheRead: number | null;
  priceCacheWrite: number | null;
  priceCacheWrite1h: number | null;
  requestFee: number | null;
  searchFee: number | null;
}

interface RowCost {
  breakdown: CostBreakdown;
  /** The reasoning tokens' part of the output cost, at the output price. */
  reasoning: Nanodollars;
  /** The per-call fees as the row recorded them (their counts and prices are frozen on it too). */
  requestFee: Nanodollars;
  searchFee: Nanodollars;
}

/**
 * The parts a row's cost splits into, in the order Spending lists them. Each part is read off the
 * pricing module's own breakdown of the row at its frozen prices, so the parts add up to the cost
 * the row was charged. A fee the ledger records in a column of its own is one more line here.
 */
const COMPONENTS: readonly { component: CostComponent; label: string; cost: (row: RowCost) => Nanodollars }[] = [
  { component: 'input', label: 'Input', cost: ({ breakdown }) => breakdown.input },
  { component: 'cachedInput', label: 'Cached input', cost: ({ breakdown }) => breakdown.cachedInput },
  { component: 'cacheWrite', label: 'Cache writes', cost: ({ breakdown }) => nanodollars(breakdown.cacheWrite + breakdown.cacheWrite1h) },
  { component: 'output', label: 'Output', cost: ({ breakdown, reasoning }) => nanodollars(breakdown.output - reasoning) },
  { component: 'reasoning', label: 'Reasoning', cost: ({ reasoning }) => reasoning },
  { component: 'requestFees', label: 'Request fees', cost: ({ requestFee }) => requestFee },
  { component: 'searchFees', label: 'Search fees', cost: ({ searchFee }) => searchFee },
];

/** Where the period's money went, by kind of token, over the rows whose price was known. */
export function costShares(db: ReportDb, period: ResolvedPeriod): CostSharesView {
  const { where, params } = tokenRowsOf(period);
  const sums = new Map<CostComponent, number>(COMPONENTS.map(({ component }) => [component, 0]));
  let priced = 0;
  const rows = db.prepare<PricedRow>(
    `SELECT input_tokens AS inputTokens, output_tokens AS outputTokens, cached_input_tokens AS cachedInputTokens,
       cache_write_tokens AS cacheWriteTokens, cache_write_1h_tokens AS cacheWrite1hTokens, reasoning_tokens AS reasoningTokens,
       price_input_usd_nanos_per_mtok AS priceInput, price_output_usd_nanos_per_mtok AS priceOutput,
       price_cache_read_usd_nanos_per_mtok AS priceCacheRead, price_cache_write_usd_nanos_per_mtok AS priceCacheWrite,
       price_cache_write_1h_usd_nanos_per_mtok AS priceCacheWrite1h, request_fee_usd_nanos AS requestFee,
       web_search_fee_usd_nanos AS searchFee
     FROM requests WHERE ${where} AND cost_usd_nanos IS NOT NULL AND price_input_usd_nanos_per_mtok IS NOT NULL`,
  );
  for (const row of rows.iterate(params)) {
    priced += 1;
    const cost = rowCost(row);
    for (const { component, cost: of } of COMPONENTS) sums.set(component, sums.get(component)! + of(cost));
  }
  const unpriced = db
    .prepare<{ n: number }>(`SELECT COUNT(*) AS n FROM requests WHERE ${where} AND cost_usd_nanos IS NULL`)
    .get(params)!.n;
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  const { dayAligned: _dayAligned, ...periodView } = period;
  return {
    period: periodView,
    totalNanos: total,
    pricedRequests: priced,
    unpricedRequests: unpriced,
    shares: COMPONENTS.map(({ component, label }) => {
      const costNanos = sums.get(component)!;
      return { component, label, costNanos, shareBasisPoints: total > 0 ? Number(roundHalfEven(BigInt(costNanos) * 10_000n, BigInt(total))) : null };
    }),
  };
}

function rowCost(row: PricedRow): RowCost {
  const output = pricePerMTok(row.priceOutput);
  const breakdown = computeCost(
    {
      inputTokens: row.inputTokens,
      outputTokens: row.outputTokens,
      ...(row.cachedInputTokens !== null ? { cachedInputTokens: row.cachedInputTokens } : {}),
      ...(row.cacheWriteTokens !== null ? { cacheWriteTokens: row.cacheWriteTokens } : {}),
      ...(row.cacheWrite1hTokens !== null ? { cacheWrite1hTokens: row.cacheWrite1hTokens } : {}),
    },
    {
      input: pricePerMTok(row.priceInput),
      output,
      ...(row.priceCacheRead !== null ? { cacheRead: pricePerMTok(row.priceCacheRead) } : {}),
      ...(row.priceCacheWrite !== null ? { cacheWrite: pricePerMTok(row.priceCacheWrite) } : {}),
      ...(row.priceCacheWrite1h !== null ? { cacheWrite1h: pricePerMTok(row.priceCacheWrite1h) } : {}),
    },
  );
  // Reasoning tokens are part of the output tokens: their share is carved out of the output cost, never added to it.
  const reasoning = costOfTokens(Math.min(row.reasoningTokens ?? 0, row.outputTokens), output);
  return {
    breakdown,
    reasoning: nanodollars(Math.min(reasoning, breakdown.output)),
    requestFee: nanodollars(row.requestFee ?? 0),
    searchFee: nanodollars(row.searchFee ?? 0),
  };
}
