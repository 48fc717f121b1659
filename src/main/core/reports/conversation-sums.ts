import { nanodollars, type Nanodollars } from '../../../shared/money';
import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { FINAL_ROWS_SQL, LEDGER_SUMS_SQL, toSums, type SumsRow, type UsageSums } from './usage-sums';

export interface ConversationSums {
  /** '' for requests made outside any conversation. */
  conversationId: string;
  /** Null when the conversation was deleted (its requests stay in the ledger) or there is none. */
  title: string | null;
  /** The models it used, comma-separated. */
  models: string;
  sums: UsageSums;
}

/**
 * Sums per conversation, biggest cost first; with a limit, the first `limit` of them, how many
 * there are and what they cost together. All time reads `usage_conversation_totals` (kept with each finalize, like the daily
 * rollup) in the order of its cost index, so the first page costs `limit` rows however many
 * conversations there are; a bounded period reads the ledger's indexed `started_at` range,
 * since the conversation rollups have no time in them.
 */
export function conversationSums(
  db: ReportDb,
  period: ResolvedPeriod,
  limit?: number,
): { rows: ConversationSums[]; total: number; cost: Nanodollars } {
  const unbounded = period.startMs === null && period.endMs === null;
  const grouped = unbounded ? fromTotals() : fromLedger(period);
  const rows = db
    .prepare<SumsRow & { conversationId: string; title: string | null; models: string }>(
      `SELECT g.*, c.title AS title FROM (${grouped}) g LEFT JOIN conversations c ON c.id = g.conversationId
       ORDER BY g.cost DESC, g.requests DESC, g.conversationId ${limit === undefined ? '' : 'LIMIT @limit'}`,
    )
    .all({ startMs: period.startMs, endMs: period.endMs, ...(limit === undefined ? {} : { limit }) })
    .map(({ conversationId, title, models, ...row }) => ({ conversationId, title, models, sums: toSums(row) }));
  if (limit === undefined || rows.length < limit) {
    return { rows, total: rows.length, cost: nanodollars(rows.reduce((sum, row) => sum + row.sums.cost, 0)) };
  }
  // All time, the totals' cost index covers both: no table row is read.
  const all = db
    .prepare<{ n: number; cost: number }>(
      `SELECT COUNT(*) AS n, COALESCE(SUM(cost), 0) AS cost FROM (${unbounded ? 'SELECT cost_usd_nanos AS cost FROM usage_conversation_totals' : grouped})`,
    )
    .get({ startMs: period.startMs, endMs: period.endMs })!;
  return { rows, total: all.n, cost: nanodollars(all.cost) };
}

/** The models each conversation used, in name order, from its rows of the conversation rollup (its primary key's order). */
function fromTotals(): string {
  return `SELECT t.conversation_id AS conversationId,
      (SELECT group_concat(DISTINCT u.model) FROM usage_conversation_rollup u WHERE u.conversation_id = t.conversation_id) AS models,
      t.requests AS requests, t.refused_requests AS refused, t.input_tokens AS inputTokens,
      t.cached_input_tokens AS cachedInputTokens, t.cache_write_tokens AS cacheWriteTokens, t.output_tokens AS outputTokens,
      t.reasoning_tokens AS reasoningTokens, t.cost_usd_nanos AS cost, t.unpriced_requests AS unpriced, t.estimated_requests AS estimated
    FROM usage_conversation_totals t`;
}

function fromLedger(period: ResolvedPeriod): string {
  const where = [FINAL_ROWS_SQL];
  if (period.startMs !== null) where.push('r.started_at >= @startMs');
  if (period.endMs !== null) where.push('r.started_at < @endMs');
  return `SELECT COALESCE(r.conversation_id, '') AS conversationId, group_concat(DISTINCT r.model ORDER BY r.model) AS models, ${LEDGER_SUMS_SQL}
    FROM requests r WHERE ${where.join(' AND ')} GROUP BY r.conversation_id`;
}

export function conversationLabel(conversationId: string, title: string | null): string {
  if (conversationId === '') return 'No conversation';
  return title ?? 'Deleted conversation';
}
