import type { LogCursor, RequestLogFilter, RequestLogPage, RequestLogRow } from '../../../shared/contract/spending-contract';
import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { textSearchSql } from './request-log-search';

const DEFAULT_LOG_PAGE = 100;

type LogRowSql = Omit<RequestLogRow, 'providerName' | 'priceUnknown'>;

/**
 * One page of the ledger, newest first, every status included (running rows too). Keyset
 * pagination on (started_at, id): each page is an indexed range read whatever its depth, so the
 * log scrolls through a million rows as fast as through ten.
 */
export function requestLogPage(
  db: ReportDb,
  period: ResolvedPeriod,
  options: { filter?: RequestLogFilter; after?: LogCursor; limit?: number; providerName: (id: string) => string },
): RequestLogPage {
  const limit = options.limit ?? DEFAULT_LOG_PAGE;
  const filter = options.filter ?? {};
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: limit + 1 };
  const add = (condition: string, values: Record<string, unknown>) => {
    where.push(condition);
    Object.assign(params, values);
  };
  if (period.startMs !== null) add('r.started_at >= @startMs', { startMs: period.startMs });
  if (period.endMs !== null) add('r.started_at < @endMs', { endMs: period.endMs });
  if (options.after) {
    // The plain bound lets SQLite walk the started_at index; the OR breaks ties on the id.
    add('r.started_at <= @afterStartedAt AND (r.started_at < @afterStartedAt OR r.id < @afterId)', {
      afterStartedAt: options.after.startedAt,
      afterId: options.after.id,
    });
  }
  if (filter.providerId !== undefined) add('r.provider_id = @providerId', { providerId: filter.providerId });
  if (filter.model !== undefined) add('r.model = @model', { model: filter.model });
  if (filter.status !== undefined) add('r.status = @status', { status: filter.status });
  if (filter.conversationId !== undefined) add('r.conversation_id = @conversationId', { conversationId: filter.conversationId });
  const text = filter.text?.trim();
  if (text) {
    const search = textSearchSql(db, text, options.providerName);
    add(search.sql, search.params);
  }
  const rows = db
    .prepare<LogRowSql>(
      `SELECT r.id, r.started_at AS startedAt, r.conversation_id AS conversationId, c.title AS conversationTitle,
         r.provider_id AS providerId, r.model, r.status, r.usage_source AS usageSource, r.input_tokens AS inputTokens,
         r.cached_input_tokens AS cachedInputTokens, r.cache_write_tokens AS cacheWriteTokens, r.output_tokens AS outputTokens,
         r.reasoning_tokens AS reasoningTokens, r.cost_usd_nanos AS costNanos, r.ttft_ms AS ttftMs, r.duration_ms AS durationMs,
         r.error
       FROM requests r LEFT JOIN conversations c ON c.id = r.conversation_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY r.started_at DESC, r.id DESC
       LIMIT @limit`,
    )
    .all(params);
  const page = rows.slice(0, limit).map(
    (row): RequestLogRow => ({
      ...row,
      providerName: options.providerName(row.providerId),
      priceUnknown: row.costNanos === null && !['pending', 'streaming', 'refused'].includes(row.status),
    }),
  );
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? { startedAt: last.startedAt, id: last.id } : null };
}
