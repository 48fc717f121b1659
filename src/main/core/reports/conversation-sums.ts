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
 * Sums per conversation from the ledger (the daily rollup has no conversation column), biggest
 * cost first. A bounded period reads the indexed `started_at` range; all time reads the table
 * in order and sorts, which beats walking the conversation index into a table in time order.
 */
export function conversationSums(db: ReportDb, period: ResolvedPeriod): ConversationSums[] {
  const where = [FINAL_ROWS_SQL];
  if (period.startMs !== null) where.push('r.started_at >= @startMs');
  if (period.endMs !== null) where.push('r.started_at < @endMs');
  const unbounded = period.startMs === null && period.endMs === null;
  return db
    .prepare<SumsRow & { conversationId: string; title: string | null; models: string }>(
      `SELECT g.*, c.title AS title FROM (
         SELECT COALESCE(r.conversation_id, '') AS conversationId, group_concat(DISTINCT r.model) AS models, ${LEDGER_SUMS_SQL}
         FROM requests r ${unbounded ? 'NOT INDEXED' : ''}
         WHERE ${where.join(' AND ')}
         GROUP BY r.conversation_id
       ) g LEFT JOIN conversations c ON c.id = g.conversationId
       ORDER BY g.cost DESC, g.requests DESC, g.conversationId`,
    )
    .all({ startMs: period.startMs, endMs: period.endMs })
    .map(({ conversationId, title, models, ...row }) => ({ conversationId, title, models, sums: toSums(row) }));
}

export function conversationLabel(conversationId: string, title: string | null): string {
  if (conversationId === '') return 'No conversation';
  return title ?? 'Deleted conversation';
}
