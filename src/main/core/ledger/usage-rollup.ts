import type Database from 'better-sqlite3';
import { localDayKey, startOfLocalDay, wallClockAt } from '../time/zoned-calendar';
import { finalRowSql } from './status-sql';

/** Sums of one group of ledger rows, named as the upserts' parameters. */
interface RollupSums {
  conversation_id: string;
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

/** Each rolled-up column and the aggregate over ledger rows that fills it, in one order. */
const AGGREGATES: [column: string, param: string, sql: string][] = [
  ['requests', 'requests', 'COUNT(*)'],
  ['input_tokens', 'input', 'COALESCE(SUM(input_tokens), 0)'],
  ['cached_input_tokens', 'cached', 'COALESCE(SUM(cached_input_tokens), 0)'],
  ['cache_write_tokens', 'cacheWrite', 'COALESCE(SUM(cache_write_tokens), 0)'],
  ['output_tokens', 'output', 'COALESCE(SUM(output_tokens), 0)'],
  ['reasoning_tokens', 'reasoning', 'COALESCE(SUM(reasoning_tokens), 0)'],
  ['cost_usd_nanos', 'cost', 'COALESCE(SUM(cost_usd_nanos), 0)'],
  // Refused rows were never sent: they have no price to be unknown.
  ['unpriced_requests', 'unpriced', "SUM(CASE WHEN cost_usd_nanos IS NULL AND status != 'refused' THEN 1 ELSE 0 END)"],
  ['estimated_requests', 'estimated', "SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END)"],
];
const SUM_COLUMNS = AGGREGATES.map(([column]) => column).join(', ');
const SUM_PARAMS = AGGREGATES.map(([, param]) => `@${param}`).join(', ');
const SUMS = `provider_id, model, status, ${AGGREGATES.map(([, param, sql]) => `${sql} AS ${param}`).join(', ')}`;
const FINAL_ROWS = finalRowSql();

const ADD_SUMS = `
  requests = requests + excluded.requests,
  input_tokens = input_tokens + excluded.input_tokens,
  cached_input_tokens = cached_input_tokens + excluded.cached_input_tokens,
  cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
  output_tokens = output_tokens + excluded.output_tokens,
  reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens,
  cost_usd_nanos = cost_usd_nanos + excluded.cost_usd_nanos,
  unpriced_requests = unpriced_requests + excluded.unpriced_requests,
  estimated_requests = estimated_requests + excluded.estimated_requests`;

/** The zone the daily rollup's days are in; null while the rollup is empty and none was recorded. */
export function rollupTimeZone(sqlite: Database.Database): string | null {
  const row = sqlite.prepare('SELECT time_zone AS zone FROM usage_rollup_zone WHERE id = 1').get() as { zone: string } | undefined;
  return row?.zone ?? null;
}

function recordRollupTimeZone(sqlite: Database.Database, timeZone: string): string {
  sqlite.prepare('INSERT INTO usage_rollup_zone (id, time_zone) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone').run(timeZone);
  return timeZone;
}

/**
 * Keeps the rollups equal to the ledger's sums: `usage_daily_rollup` per local day × provider ×
 * model × status, and `usage_conversation_rollup` per conversation × model × status (all time), with
 * `usage_conversation_totals` per conversation. `add` runs inside the transaction that finalizes
 * (or refuses) a row, and files it under a day of the zone the rollup was built in (recorded in
 * `usage_rollup_zone`), so the rollup never mixes zones; `rebuild` derives them all from the
 * ledger again (on a time-zone change, or to repair them) and records its zone.
 */
export class UsageRollup {
  private readonly upsert;
  private readonly upsertConversation;
  private readonly upsertTotals;
  private readonly rowSums;

  constructor(private readonly sqlite: Database.Database) {
    this.upsert = sqlite.prepare(`
      INSERT INTO usage_daily_rollup (day, provider_id, model, status, ${SUM_COLUMNS})
      VALUES (@day, @provider_id, @model, @status, ${SUM_PARAMS})
      ON CONFLICT (day, provider_id, model, status) DO UPDATE SET ${ADD_SUMS}`);
    this.upsertConversation = sqlite.prepare(`
      INSERT INTO usage_conversation_rollup (conversation_id, model, status, ${SUM_COLUMNS})
      VALUES (@conversation_id, @model, @status, ${SUM_PARAMS})
      ON CONFLICT (conversation_id, model, status) DO UPDATE SET ${ADD_SUMS}`);
    this.upsertTotals = sqlite.prepare(`
      INSERT INTO usage_conversation_totals (conversation_id, ${SUM_COLUMNS}, refused_requests)
      VALUES (@conversation_id, ${SUM_PARAMS}, @refused)
      ON CONFLICT (conversation_id) DO UPDATE SET ${ADD_SUMS}, refused_requests = refused_requests + excluded.refused_requests`);
    this.rowSums = sqlite.prepare<[string]>(
      `SELECT started_at AS at, COALESCE(conversation_id, '') AS conversation_id, ${SUMS} FROM requests WHERE id = ?`,
    );
  }

  /**
   * Adds one finalized or refused ledger row to its day's sums. `timeZone` counts only for the
   * first row of an empty rollup (a new ledger, migration 0006 records the zone of a filled one),
   * and is recorded then, so every later day is cut the same way.
   */
  add(requestId: string, timeZone: string): void {
    const row = this.rowSums.get(requestId) as (RollupSums & { at: number | null }) | undefined;
    if (!row || row.at === null) throw new Error(`No ledger row ${requestId} to roll up`);
    const { at, ...sums } = row;
    this.upsert.run({ ...sums, day: localDayKey(at, rollupTimeZone(this.sqlite) ?? recordRollupTimeZone(this.sqlite, timeZone)) });
    this.upsertConversation.run(sums);
    this.upsertTotals.run({ ...sums, refused: sums.status === 'refused' ? sums.requests : 0 });
  }

  /**
   * Rebuilds both rollups from the ledger in one transaction, in SQL: the local days the ledger
   * spans are computed here (a few hundred zone look-ups), put in a temporary table, and SQLite
   * walks each day's index range of the ledger. No ledger row crosses into JavaScript.
   */
  rebuild(timeZone: string): void {
    const span = this.sqlite.prepare(`SELECT MIN(started_at) AS first, MAX(started_at) AS last FROM requests WHERE ${FINAL_ROWS}`).get() as {
      first: number | null;
      last: number | null;
    };
    this.sqlite.transaction(() => {
      this.sqlite.prepare('DELETE FROM usage_daily_rollup').run();
      if (span.first !== null && span.last !== null) {
        this.sqlite.prepare('CREATE TEMP TABLE IF NOT EXISTS rollup_days (start_ms INTEGER PRIMARY KEY, end_ms INTEGER NOT NULL, day TEXT NOT NULL)').run();
        this.sqlite.prepare('DELETE FROM temp.rollup_days').run();
        const insertDay = this.sqlite.prepare('INSERT INTO temp.rollup_days (start_ms, end_ms, day) VALUES (?, ?, ?)');
        for (const day of localDaysBetween(span.first, span.last, timeZone)) insertDay.run(day.startMs, day.endMs, day.key);
        // CROSS JOIN keeps the days outside, so each day reads its own range of the started_at index.
        this.sqlite
          .prepare(
            `INSERT INTO usage_daily_rollup (day, provider_id, model, status, ${SUM_COLUMNS})
             SELECT d.day, r.provider_id, r.model, r.status, ${AGGREGATES.map(([, , sql]) => sql).join(', ')}
             FROM temp.rollup_days d CROSS JOIN requests r ON r.started_at >= d.start_ms AND r.started_at < d.end_ms
             WHERE r.${FINAL_ROWS}
             GROUP BY d.day, r.provider_id, r.model, r.status`,
          )
          .run();
      }
      this.sqlite.prepare('DELETE FROM usage_conversation_rollup').run();
      this.sqlite
        .prepare(
          `INSERT INTO usage_conversation_rollup (conversation_id, model, status, ${SUM_COLUMNS})
           SELECT COALESCE(conversation_id, ''), model, status, ${AGGREGATES.map(([, , sql]) => sql).join(', ')}
           FROM requests WHERE ${FINAL_ROWS} GROUP BY COALESCE(conversation_id, ''), model, status`,
        )
        .run();
      this.sqlite.prepare('DELETE FROM usage_conversation_totals').run();
      this.sqlite
        .prepare(
          `INSERT INTO usage_conversation_totals (conversation_id, ${SUM_COLUMNS}, refused_requests)
           SELECT conversation_id, ${AGGREGATES.map(([column]) => `SUM(${column})`).join(', ')}, SUM(CASE WHEN status = 'refused' THEN requests ELSE 0 END)
           FROM usage_conversation_rollup GROUP BY conversation_id`,
        )
        .run();
      recordRollupTimeZone(this.sqlite, timeZone);
    })();
  }
}

/** The local days from the one holding `firstMs` to the one holding `lastMs`, each with its bounds. */
function* localDaysBetween(firstMs: number, lastMs: number, timeZone: string): Generator<{ key: string; startMs: number; endMs: number }> {
  const first = wallClockAt(firstMs, timeZone);
  // Noon UTC of each calendar date steps day by day without DST surprises.
  for (let date = Date.UTC(first.year, first.month - 1, first.day, 12); ; date += 86_400_000) {
    const d = new Date(date);
    const startMs = startOfLocalDay(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), timeZone);
    if (startMs > lastMs) return;
    const next = new Date(date + 86_400_000);
    const endMs = startOfLocalDay(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
    yield { key: localDayKey(startMs, timeZone), startMs, endMs };
  }
}
