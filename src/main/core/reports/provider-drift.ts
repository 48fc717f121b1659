import type { CostDriftRow, ProviderFiguresView } from '../../../shared/contract/spending-contract';
import { nanodollars, pricePerMTok } from '../../../shared/money';
import { CACHE_SAVING_SQL, cacheSaving } from '../pricing/cache-saving';
import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { FINAL_ROWS_SQL } from './usage-sums';

/** The Spending screen lists this many of the rows where the provider's figure and ours differ most. */
export const DRIFT_TOP_ROWS = 5;

interface PeriodRow {
  id: string;
  startedAt: number;
  model: string;
  cost: number | null;
  providerCost: number | null;
  cachedInputTokens: number | null;
  priceInput: number | null;
  priceCacheRead: number | null;
}

/**
 * The period's provider-reported cost against ours, and what caching saved. Drift is summed over
 * the rows where both figures are known (a row without our price or without theirs compares
 * nothing); the caching saving is the sum of each row's own saving (pricing/cache-saving.ts).
 * A bounded period reads the ledger's indexed `started_at` range; all time reads every final row.
 */
export function providerFigures(db: ReportDb, period: ResolvedPeriod): ProviderFiguresView {
  const where = [FINAL_ROWS_SQL, `r.status != 'refused'`];
  if (period.startMs !== null) where.push('r.started_at >= @startMs');
  if (period.endMs !== null) where.push('r.started_at < @endMs');
  const params = { startMs: period.startMs, endMs: period.endMs };
  const rowsWhere = (condition: string) =>
    `SELECT r.id AS id, r.started_at AS startedAt, r.model AS model, r.cost_usd_nanos AS cost,
       r.provider_cost_usd_nanos AS providerCost, r.cached_input_tokens AS cachedInputTokens,
       r.price_input_usd_nanos_per_mtok AS priceInput, r.price_cache_read_usd_nanos_per_mtok AS priceCacheRead
     FROM requests r WHERE ${[...where, condition].join(' AND ')}`;

  // A row with no cached tokens saved exactly nothing, so only the others are read; whether any saving is known at all is asked apart.
  const savingKnown = db
    .prepare<{ known: number }>(`SELECT EXISTS (SELECT 1 FROM requests r WHERE ${[...where, 'r.cached_input_tokens IS NOT NULL', 'r.price_input_usd_nanos_per_mtok IS NOT NULL'].join(' AND ')}) AS known`)
    .get(params)!.known === 1;
  // Summed by SQLite (the same rule as cacheSaving, CACHE_SAVING_SQL); a row whose product would pass 64 bits is summed in BigInt.
  const cachedRows = [...where, 'r.cached_input_tokens > 0', 'r.price_input_usd_nanos_per_mtok IS NOT NULL'];
  let saved = db
    .prepare<{ saved: number }>(
      `SELECT COALESCE(SUM(${CACHE_SAVING_SQL.saving}), 0) AS saved FROM requests r WHERE ${[...cachedRows, CACHE_SAVING_SQL.SQL_SAFE_ROWS].join(' AND ')}`,
    )
    .get(params)!.saved;
  for (const row of db.prepare<PeriodRow>(rowsWhere(`r.cached_input_tokens > 0 AND r.price_input_usd_nanos_per_mtok IS NOT NULL AND ${CACHE_SAVING_SQL.BIGINT_ROWS}`)).all(params)) {
    saved += cacheSaving({
      cachedInputTokens: row.cachedInputTokens,
      priceInput: pricePerMTok(row.priceInput!),
      priceCacheRead: row.priceCacheRead === null ? null : pricePerMTok(row.priceCacheRead),
    })!;
  }

  // Summed in SQL over the partial index of rows with the provider's figure (requests_provider_cost),
  // which covers these columns: all time reads those rows' index entries, not the ledger.
  const comparedWhere = [...where, 'r.provider_cost_usd_nanos IS NOT NULL', 'r.cost_usd_nanos IS NOT NULL'].join(' AND ');
  const sums = db
    .prepare<{ compared: number; ours: number; theirs: number }>(
      `SELECT COUNT(*) AS compared, COALESCE(SUM(r.cost_usd_nanos), 0) AS ours, COALESCE(SUM(r.provider_cost_usd_nanos), 0) AS theirs
       FROM requests r WHERE ${comparedWhere}`,
    )
    .get(params)!;
  const top: CostDriftRow[] = db
    .prepare<PeriodRow>(
      `${rowsWhere('r.provider_cost_usd_nanos IS NOT NULL AND r.cost_usd_nanos IS NOT NULL')}
       ORDER BY abs(r.provider_cost_usd_nanos - r.cost_usd_nanos) DESC, r.started_at DESC, r.id LIMIT ${DRIFT_TOP_ROWS}`,
    )
    .all(params)
    .map((row) => ({ id: row.id, startedAt: row.startedAt, model: row.model, oursNanos: row.cost!, theirsNanos: row.providerCost! }));
  return {
    cacheSavedNanos: savingKnown ? nanodollars(saved) : null,
    drift: {
      comparedRequests: sums.compared,
      oursNanos: nanodollars(sums.ours),
      theirsNanos: nanodollars(sums.theirs),
      differenceNanos: nanodollars(sums.theirs - sums.ours),
      topRows: top,
    },
  };
}
