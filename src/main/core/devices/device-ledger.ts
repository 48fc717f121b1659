import type Database from 'better-sqlite3';
import { UsageRollup } from '../ledger/usage-rollup';
import type { SegmentRow } from './segment-format';

const ROW_COLUMNS = `provider_id AS providerId, provider_kind AS providerKind, model, status, streamed,
  started_at AS startedAt, finished_at AS finishedAt, duration_ms AS durationMs, ttft_ms AS ttftMs,
  input_tokens AS inputTokens, output_tokens AS outputTokens, cached_input_tokens AS cachedInputTokens,
  cache_write_tokens AS cacheWriteTokens, reasoning_tokens AS reasoningTokens, usage_source AS usageSource,
  provider_cost_usd_nanos AS providerCostUsdNanos, price_input_usd_nanos_per_mtok AS priceInputUsdNanosPerMTok,
  price_output_usd_nanos_per_mtok AS priceOutputUsdNanosPerMTok, price_cache_read_usd_nanos_per_mtok AS priceCacheReadUsdNanosPerMTok,
  price_cache_write_usd_nanos_per_mtok AS priceCacheWriteUsdNanosPerMTok, price_source AS priceSource,
  cost_usd_nanos AS costUsdNanos, billed_currency AS billedCurrency, finish_reason AS finishReason, cancel_reason AS cancelReason`;

const OWN_FINAL = "origin_device_id IS NULL AND status NOT IN ('pending', 'streaming')";

/** The ledger's id of a row another device made: unique per (device, request), whatever ids they mint. */
export function foreignRowId(deviceId: string, requestId: string): string {
  return `${deviceId}/${requestId}`;
}

/**
 * The ledger side of sync. Own final rows go out (and are marked, so each goes out once); other
 * devices' rows come in as final `requests` rows with their origin, added to the rollups in the
 * same transaction exactly as finalize adds a local row, so caps, Spending, reports and CSV count
 * them without knowing where they came from. Imported rows have no conversation and no messages.
 */
export class DeviceLedger {
  private readonly rollup: UsageRollup;
  private readonly insertForeign;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly timeZone: () => string,
  ) {
    this.rollup = new UsageRollup(sqlite);
    this.insertForeign = sqlite.prepare(`
      INSERT OR IGNORE INTO requests (id, origin_device_id, provider_id, provider_kind, model, status, streamed,
        started_at, finished_at, duration_ms, ttft_ms, input_tokens, output_tokens, cached_input_tokens,
        cache_write_tokens, reasoning_tokens, usage_source, provider_cost_usd_nanos, price_input_usd_nanos_per_mtok,
        price_output_usd_nanos_per_mtok, price_cache_read_usd_nanos_per_mtok, price_cache_write_usd_nanos_per_mtok,
        price_source, cost_usd_nanos, billed_currency, finish_reason, cancel_reason, reserved_usd_nanos)
      VALUES (@id, @deviceId, @providerId, @providerKind, @model, @status, @streamed, @startedAt, @finishedAt,
        @durationMs, @ttftMs, @inputTokens, @outputTokens, @cachedInputTokens, @cacheWriteTokens, @reasoningTokens,
        @usageSource, @providerCostUsdNanos, @priceInputUsdNanosPerMTok, @priceOutputUsdNanosPerMTok,
        @priceCacheReadUsdNanosPerMTok, @priceCacheWriteUsdNanosPerMTok, @priceSource, @costUsdNanos,
        @billedCurrency, @finishReason, @cancelReason, 0)`);
  }

  /** This device's final rows that no segment carries yet, oldest first. */
  unexportedRows(): SegmentRow[] {
    const rows = this.sqlite
      .prepare(`SELECT id AS requestId, ${ROW_COLUMNS} FROM requests WHERE ${OWN_FINAL} AND exported_at IS NULL ORDER BY started_at, id`)
      .all() as (Omit<SegmentRow, 'streamed'> & { streamed: number })[];
    return rows.map((row) => ({ ...row, streamed: row.streamed === 1 }));
  }

  markExported(requestIds: readonly string[], at: number): void {
    const mark = this.sqlite.prepare(`UPDATE requests SET exported_at = ? WHERE id = ? AND ${OWN_FINAL}`);
    this.sqlite.transaction(() => {
      for (const id of requestIds) mark.run(at, id);
    })();
  }

  /** Another folder starts empty: every own final row goes out again, into it. */
  forgetExports(): void {
    this.sqlite.prepare('UPDATE requests SET exported_at = NULL WHERE origin_device_id IS NULL AND exported_at IS NOT NULL').run();
  }

  exportedCount(): number {
    return (this.sqlite.prepare(`SELECT count(*) AS n FROM requests WHERE ${OWN_FINAL} AND exported_at IS NOT NULL`).get() as { n: number }).n;
  }

  /** Adds another device's rows; a row already here changes nothing. Returns how many were new. */
  importRows(deviceId: string, rows: readonly SegmentRow[]): number {
    return this.sqlite
      .transaction(() => {
        let added = 0;
        for (const row of rows) {
          const id = foreignRowId(deviceId, row.requestId);
          const { requestId: _requestId, ...fields } = row;
          if (this.insertForeign.run({ ...fields, id, deviceId, streamed: row.streamed ? 1 : 0 }).changes !== 1) continue;
          this.rollup.add(id, this.timeZone());
          added += 1;
        }
        return added;
      })
      .immediate();
  }

  /** How many rows of each other device this ledger holds. */
  importedCounts(): Map<string, number> {
    const rows = this.sqlite
      .prepare('SELECT origin_device_id AS deviceId, count(*) AS n FROM requests WHERE origin_device_id IS NOT NULL GROUP BY origin_device_id')
      .all() as { deviceId: string; n: number }[];
    return new Map(rows.map((row) => [row.deviceId, row.n]));
  }
}
