import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { FINAL_ROWS_SQL, LEDGER_SUMS_SQL, ROLLUP_SUMS_SQL, toSums, type SumsRow, type UsageSums } from './usage-sums';

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
 * Sums per conversation, biggest cost first. All time reads `usage_conversation_rollup` (kept
 * with each finalize, like the daily rollup); a bounded period reads the ledger's indexed
 * `started_at` range, since that rollup has no time in it.
 */
export function conversationSums(db: ReportDb, period: ResolvedPeriod): ConversationSums[] {
  const unbounded = period.startMs === null && period.endMs === null;
  const grouped = unbounded ? fromRollup() : fromLedger(period);
  return db
    .prepare<SumsRow & { conversationId: string; title: string | null; models: string }>(
      `SELECT g.*, c.title AS title FROM (${grouped}) g LEFT JOIN conversations c ON c.id = g.conversationId
       ORDER BY g.cost DESC, g.requests DESC, g.conversationId`,
    )
    .all({ startMs: period.startMs, endMs: period.endMs })
    .map(({ conversationId, title, models, ...row }) => ({ conversationId, title, models, sums: toSums(row) }));
}

function fromRollup(): string {
  return `SELECT conversation_id AS conversationId, group_concat(DISTINCT model) AS models, ${ROLLUP_SUMS_SQL}
    FROM usage_conversation_rollup GROUP BY conversation_id`;
}

function fromLedger(period: ResolvedPeriod): string {
  const where = [FINAL_ROWS_SQL];
  if (period.startMs !== null) where.push('r.started_at >= @startMs');
  if (period.endMs !== null) where.push('r.started_at < @endMs');
  return `SELECT COALESCE(r.conversation_id, '') AS conversationId, group_concat(DISTINCT r.model) AS models, ${LEDGER_SUMS_SQL}
    FROM requests r WHERE ${where.join(' AND ')} GROUP BY r.conversation_id`;
}

export function conversationLabel(conversationId: string, title: string | null): string {
  if (conversationId === '') return 'No conversation';
  return title ?? 'Deleted conversation';
}
