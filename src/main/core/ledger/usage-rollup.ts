import type Database from 'better-sqlite3';
import { localDayKey } from '../time/zoned-calendar';

/**
 * Keeps `usage_daily_rollup` equal to the ledger's sums per local day × provider × model ×
 * status. `add` runs inside the transaction that finalizes (or refuses) a row; `rebuild` derives
 * the whole table from the ledger again (on a time-zone change, or to repair it).
 */
export class UsageRollup {
  private readonly upsert;
  private readonly selectRow;

  constructor(private readonly sqlite: Database.Database) {
    this.upsert = sqlite.prepare(`
      INSERT INTO usage_daily_rollup (day, provider_id, model, status, requests, input_tokens, cached_input_tokens,
        cache_write_tokens, output_tokens, reasoning_tokens, cost_usd_nanos, unpriced_requests, estimated_requests)
      VALUES (@day, @providerId, @model, @status, 1, @input, @cached, @cacheWrite, @output, @reasoning, @cost, @unpriced, @estimated)
      ON CONFLICT (day, provider_id, model, status) DO UPDATE SET
        requests = requests + 1,
        input_tokens = input_tokens + excluded.input_tokens,
        cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,
        cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
        cost_usd_nanos = cost_usd_nanos + excluded.cost_usd_nanos,
        unpriced_requests = unpriced_requests + excluded.unpriced_requests,
        estimated_requests = estimated_requests + excluded.estimated_requests`);
    this.selectRow = sqlite.prepare<[string]>(`
      SELECT started_at, provider_id, model, status, input_tokens, cached_input_tokens, cache_write_tokens,
             output_tokens, reasoning_tokens, cost_usd_nanos, usage_source
      FROM requests WHERE id = ?`);
  }

  /** Adds one finalized or refused ledger row to its day's sums. */
  add(requestId: string, timeZone: string): void {
    const row = this.selectRow.get(requestId) as RollupSource | undefined;
    if (!row) throw new Error(`No ledger row ${requestId} to roll up`);
    this.upsert.run(toRollupParams(row, timeZone));
  }

  /**
   * Rebuilds every day from the ledger in one transaction. SQLite sums the rows per quarter hour
   * first (every zone offset and DST change falls on a quarter hour, so a bucket lies within one
   * local day); only those buckets are mapped to local days here, not a million rows.
   */
  rebuild(timeZone: string): void {
    const buckets = this.sqlite
      .prepare(
        `SELECT (started_at / ${QUARTER_HOUR_MS}) * ${QUARTER_HOUR_MS} AS bucket, provider_id, model, status,
           COUNT(*) AS requests, COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(cached_input_tokens), 0) AS cached,
           COALESCE(SUM(cache_write_tokens), 0) AS cacheWrite, COALESCE(SUM(output_tokens), 0) AS output,
           COALESCE(SUM(reasoning_tokens), 0) AS reasoning, COALESCE(SUM(cost_usd_nanos), 0) AS cost,
           SUM(CASE WHEN cost_usd_nanos IS NULL AND status != 'refused' THEN 1 ELSE 0 END) AS unpriced,
           SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END) AS estimated
         FROM requests WHERE status NOT IN ('pending', 'streaming')
         GROUP BY bucket, provider_id, model, status`,
      )
      .all() as BucketSums[];
    const insert = this.sqlite.prepare(`
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
    this.sqlite.transaction(() => {
      this.sqlite.prepare('DELETE FROM usage_daily_rollup').run();
      for (const bucket of buckets) insert.run({ ...bucket, day: localDayKey(bucket.bucket, timeZone) });
    })();
  }
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;

interface BucketSums {
  bucket: number;
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

interface RollupSource {
  started_at: number;
  provider_id: string;
  model: string;
  status: string;
  input_tokens: number | null;
  cached_input_tokens: number | null;
  cache_write_tokens: number | null;
  output_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd_nanos: number | null;
  usage_source: string | null;
}

function toRollupParams(row: RollupSource, timeZone: string) {
  return {
    day: localDayKey(row.started_at, timeZone),
    providerId: row.provider_id,
    model: row.model,
    status: row.status,
    input: row.input_tokens ?? 0,
    cached: row.cached_input_tokens ?? 0,
    cacheWrite: row.cache_write_tokens ?? 0,
    output: row.output_tokens ?? 0,
    reasoning: row.reasoning_tokens ?? 0,
    cost: row.cost_usd_nanos ?? 0,
    // Refused rows were never sent: they have no price to be unknown.
    unpriced: row.cost_usd_nanos === null && row.status !== 'refused' ? 1 : 0,
    estimated: row.usage_source === 'estimated' ? 1 : 0,
  };
}
