import type { ReportGrouping } from '../../../shared/contract/spending-contract';
import { REQUEST_STATUSES } from '../db/schema';
import { formatUsd } from '../../../shared/money';
import { conversationLabel, conversationSums } from './conversation-sums';
import type { ReportDb } from './report-db';
import { fieldsFor, PROVIDER_NAME_SQL, REQUEST_FIELDS, type Cell, type FieldSpec } from './report-fields';
import type { ResolvedPeriod } from './report-period';
import { usageReaderFor } from './usage-readers';
import { FINAL_ROWS_SQL, pricedRequests, type UsageSums } from './usage-sums';
import { csvLineSql, jsonObjectSql, plainCellSql } from './sql-cells';
import { functionTimestampSql, zonedTimestampSql, type TimestampSql } from './sql-timestamps';

/** A report's columns and a way to walk its rows (more than once, for the aligned table). */
export interface ReportRows {
  fields: readonly FieldSpec[];
  rows(): Iterable<Cell[]>;
  /**
   * The rows already written by SQLite, one string per row: a CSV line with its CRLF, or a JSON
   * object. A million-row export then hands JavaScript one value per row instead of 27.
   */
  csvLines?(part?: StartedAtPart): Iterable<string>;
  jsonObjects?(): Iterable<string>;
  /**
   * The statement behind csvLines, for the rows that started in [from, to) (null: unbounded), to
   * run on another connection (csv-in-two-parts.ts). Its one column is the CSV line.
   */
  csvStatement?(part: StartedAtPart): SqlStatement;
}

export interface StartedAtPart {
  fromMs: number | null;
  toMs: number | null;
}

export interface SqlStatement {
  sql: string;
  params: Record<string, unknown>;
}

export type ProviderNames = (providerId: string) => string;

/**
 * The rows of a report. Reports hold final rows only (a running request has no usage yet), the
 * same rows the dashboard and the budgets sum, so every grouping adds up to the same totals.
 */
export function reportRows(db: ReportDb, period: ResolvedPeriod, groupBy: ReportGrouping, providerName: ProviderNames): ReportRows {
  const names = memoized(providerName);
  if (groupBy === 'request') return requestRows(db, period, names);
  const fields = fieldsFor(groupBy);
  if (groupBy === 'conversation') {
    return {
      fields,
      rows: () =>
        conversationSums(db, period).rows.map((c) => [
          c.conversationId === '' ? null : c.conversationId,
          conversationLabel(c.conversationId, c.title),
          ...sumCells(c.sums),
        ]),
    };
  }
  return {
    fields,
    rows: () => {
      const groups = usageReaderFor(db, period).groups(groupBy);
      if (groupBy === 'provider' || groupBy === 'model') groups.sort((a, b) => b.sums.cost - a.sums.cost || a.key.localeCompare(b.key));
      return groups.map(({ key, sums }) => [...(groupBy === 'provider' ? [key, names(key)] : [key]), ...sumCells(sums)]);
    },
  };
}

function sumCells(sums: UsageSums): Cell[] {
  return [
    sums.requests,
    sums.refused,
    sums.inputTokens,
    sums.cachedInputTokens,
    sums.cacheWriteTokens,
    sums.outputTokens,
    sums.reasoningTokens,
    // A group with no priced request has no cost to state (its requests are counted as unpriced).
    pricedRequests(sums) > 0 ? formatUsd(sums.cost) : null,
    sums.unpriced,
    sums.estimated,
  ];
}

/**
 * Every final ledger row of the period, oldest first, streamed from SQLite one row at a time.
 * SQLite renders the cells (sql-cells.ts); provider names are resolved before the walk, since
 * the connection cannot run another query during it, and bound into the statement.
 */
function requestRows(db: ReportDb, period: ResolvedPeriod, names: ProviderNames): ReportRows {
  const where = [FINAL_ROWS_SQL];
  if (period.startMs !== null) where.push('r.started_at >= @startMs');
  if (period.endMs !== null) where.push('r.started_at < @endMs');
  const params: Record<string, unknown> = { startMs: period.startMs, endMs: period.endMs, timeZone: period.timeZone };
  // Every provider of the ledger, not only the period's: an id with no row in the report just goes
  // unused, and walking the provider index skips from one id to the next instead of reading every row.
  const providerIds = db.prepare<{ id: string }>(LEDGER_PROVIDER_IDS_SQL).all();
  const nameCases = providerIds.map(({ id }, i) => {
    params[`providerId${i}`] = id;
    params[`providerName${i}`] = names(id);
    return `WHEN @providerId${i} THEN @providerName${i}`;
  });
  const providerNameSql = nameCases.length ? `CASE r.provider_id ${nameCases.join(' ')} END` : 'r.provider_id';
  const known: Record<string, readonly string[]> = {
    ...KNOWN_TEXTS,
    provider_id: providerIds.map(({ id }) => id),
    provider: providerIds.map(({ id }) => names(id)),
    // The rollup's models: a hint only (a model missing here is still written exactly, just slower).
    model: db.prepare<{ model: string }>(`SELECT DISTINCT model FROM usage_daily_rollup LIMIT ${MAX_KNOWN_MODELS}`).all().map((r) => r.model),
  };
  const columns = REQUEST_FIELDS.map((f) => ({
    ...f,
    sql: f.sql === PROVIDER_NAME_SQL ? providerNameSql : f.sql,
    ...(known[f.name] ? { known: known[f.name] } : {}),
  }));
  const timestamp = timestampSqlFor(db, period);
  Object.assign(params, timestamp.params);
  const statement = (what: string, part?: StartedAtPart): SqlStatement => {
    const bounds = [...where];
    if (part?.fromMs != null) bounds.push('r.started_at >= @partFromMs');
    if (part?.toMs != null) bounds.push('r.started_at < @partToMs');
    return {
      sql: `SELECT ${what} FROM requests r LEFT JOIN conversations c ON c.id = r.conversation_id WHERE ${bounds.join(' AND ')} ORDER BY r.started_at, r.rowid`,
      params: { ...params, partFromMs: part?.fromMs ?? null, partToMs: part?.toMs ?? null },
    };
  };
  const iterate = (what: string, part?: StartedAtPart) => {
    const { sql, params: bound } = statement(what, part);
    return db.prepareRaw(sql).iterate(bound);
  };
  const strings = function* (what: string, part?: StartedAtPart): Iterable<string> {
    for (const row of iterate(what, part)) yield row[0] as string;
  };
  const csvLine = csvLineSql(columns, timestamp.sql);
  return {
    fields: REQUEST_FIELDS,
    rows: () => iterate(columns.map((c) => plainCellSql(c.sql, c.kind, timestamp.sql)).join(', ')) as Iterable<Cell[]>,
    csvLines: (part?: StartedAtPart) => strings(csvLine, part),
    jsonObjects: () => strings(jsonObjectSql(columns, timestamp.sql)),
    csvStatement: (part) => statement(csvLine, part),
  };
}

const LEDGER_PROVIDER_IDS_SQL = `WITH RECURSIVE ids(id) AS (
    SELECT MIN(provider_id) FROM requests
    UNION ALL SELECT (SELECT MIN(provider_id) FROM requests WHERE provider_id > ids.id) FROM ids WHERE ids.id IS NOT NULL
  ) SELECT id FROM ids WHERE id IS NOT NULL`;

/** Values these text columns mostly hold, which the CSV renders without testing them (sql-cells.ts). */
const KNOWN_TEXTS: Record<string, readonly string[]> = {
  status: REQUEST_STATUSES,
  usage_source: ['reported', 'estimated'],
  finish_reason: ['stop', 'length', 'end_turn', 'max_tokens', 'tool_calls', 'stop_sequence', 'content_filter', 'STOP', 'MAX_TOKENS'],
  cancel_reason: ['user', 'budget', 'shutdown'],
};
const MAX_KNOWN_MODELS = 64;

/** Rows finish after they start: the fast timestamp window reaches this far past the last start. */
const FINISH_MARGIN_MS = 2 * 86_400_000;

/** Timestamps by SQLite over the period's span (all time: the ledger's), by the function elsewhere. */
function timestampSqlFor(db: ReportDb, period: ResolvedPeriod): { sql: TimestampSql; params: Record<string, unknown> } {
  const span = db.prepare<{ first: number | null; last: number | null }>('SELECT MIN(started_at) AS first, MAX(started_at) AS last FROM requests').get()!;
  const from = period.startMs ?? span.first;
  const to = period.endMs ?? (span.last === null ? null : span.last + 1);
  if (from === null || to === null) return { sql: functionTimestampSql, params: {} };
  return zonedTimestampSql(from, to + FINISH_MARGIN_MS, period.timeZone);
}

/** Provider names come from settings (or a kind's default): look each id up once per report. */
function memoized(providerName: ProviderNames): ProviderNames {
  const names = new Map<string, string>();
  return (id) => {
    let name = names.get(id);
    if (name === undefined) names.set(id, (name = providerName(id)));
    return name;
  };
}
