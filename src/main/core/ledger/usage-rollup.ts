import type Database from 'better-sqlite3';
import { localDayKey } from '../time/zoned-calendar';

/** Every zone offset and DST change falls on a quarter hour, so such a bucket lies within one local day. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** Sums of one group of ledger rows, named as the upsert's parameters. */
interface RollupSums {
  provider_id: string;
  model: string;
  status: string;
  requests: number;
  input: number;
  cached: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  cost: number;
  unpriced: number;
  estimated: number;
}

/** The same sums over one row (`WHERE id = ?`) or over quarter-hour buckets of all final rows. */
const SUMS = `
  provider_id, model, status, COUNT(*) AS requests,
  COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(cached_input_tokens), 0) AS cached,
  COALESCE(SUM(cache_write_tokens), 0) AS cacheWrite, COALESCE(SUM(output_tokens), 0) AS output,
  COALESCE(SUM(reasoning_tokens), 0) AS reasoning, COALESCE(SUM(cost_usd_nanos), 0) AS cost,
  -- Refused rows were never sent: they have no price to be unknown.
  SUM(CASE WHEN cost_usd_nanos IS NULL AND status != 'refused' THEN 1 ELSE 0 END) AS unpriced,
  SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END) AS estimated`;

/**
 * Keeps `usage_daily_rollup` equal to the ledger's sums per local day × provider × model ×
 * status. `add` runs inside the transaction that finalizes (or refuses) a row; `rebuild` derives
 * the whole table from the ledger again (on a time-zone change, or to repair it).
 */
export class UsageRollup {
  private readonly upsert;
  private readonly rowSums;

  constructor(private readonly sqlite: Database.Database) {
    this.upsert = sqlite.prepare(`
      INSERT INTO usage_daily_rollup (day, provider_id, model, status, requests, input_tokens, cached_input_tokens,
        cache_write_tokens, output_tokens, reasoning_tokens, cost_usd_nanos, unpriced_requests, estimated_requests)
      VALUES (@day, @provider_id, @model, @status, @requests, @input, @cached, @cacheWrite, @output, @reasoning, @cost,
        @unpriced, @estimated)
      ON CONFLICT (day, provider_id, model, status) DO UPDATE SET
        requests = requests + excluded.requests,
        input_tokens = input_tokens + excluded.input_tokens,
        cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,
        cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
        cost_usd_nanos = cost_usd_nanos + excluded.cost_usd_nanos,
        unpriced_requests = unpriced_requests + excluded.unpriced_requests,
        estimated_requests = estimated_requests + excluded.estimated_requests`);
    this.rowSums = sqlite.prepare<[string]>(`SELECT started_at AS at, ${SUMS} FROM requests WHERE id = ?`);
  }

  /** Adds one finalized or refused ledger row to its day's sums. */
  add(requestId: string, timeZone: string): void {
    const row = this.rowSums.get(requestId) as (RollupSums & { at: number | null }) | undefined;
    if (!row || row.at === null) throw new Error(`No ledger row ${requestId} to roll up`);
    const { at, ...sums } = row;
    this.upsert.run({ ...sums, day: localDayKey(at, timeZone) });
  }

  /**
   * Rebuilds every day from the ledger in one transaction. SQLite sums the rows per quarter hour
   * first; only those buckets are mapped to local days here, not a million rows.
   */
  rebuild(timeZone: string): void {
    const buckets = this.sqlite
      .prepare(
        `SELECT (started_at / ${QUARTER_HOUR_MS}) * ${QUARTER_HOUR_MS} AS at, ${SUMS}
         FROM requests WHERE status NOT IN ('pending', 'streaming')
         GROUP BY at, provider_id, model, status`,
      )
      .all() as (RollupSums & { at: number })[];
    this.sqlite.transaction(() => {
      this.sqlite.prepare('DELETE FROM usage_daily_rollup').run();
      for (const { at, ...sums } of buckets) this.upsert.run({ ...sums, day: localDayKey(at, timeZone) });
    })();
  }
}
