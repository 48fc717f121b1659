/**
 * Today's (issue 17's starting point) per-request CSV writer, kept verbatim in substance so a test
 * can hold the faster writer to the same bytes for the same ledger. Not used by the app.
 */
import type { ReportDb } from '../../../src/main/core/reports/report-db';
import { PROVIDER_NAME_SQL, REQUEST_FIELDS, type CellKind } from '../../../src/main/core/reports/report-fields';
import type { ResolvedPeriod } from '../../../src/main/core/reports/report-period';
import { ISO_TIME_FUNCTION } from '../../../src/main/core/reports/iso-time-function';
import { offsetSpans } from '../../../src/main/core/reports/sql-timestamps';

type TimestampSql = (x: string) => string;
const functionTimestampSql: TimestampSql = (x) => `${ISO_TIME_FUNCTION}(${x}, @timeZone)`;
const FORMULA_START_CODES = [61, 43, 45, 64, 9, 13].join(', ');

function usdSql(x: string): string {
  return `printf('%s%d.%09d', CASE WHEN ${x} < 0 THEN '-' ELSE '' END, abs(${x}) / 1000000000, abs(${x}) % 1000000000)`;
}

function plainCellSql(x: string, kind: CellKind, timestamp: TimestampSql): string {
  if (kind === 'decimal') return `CASE WHEN ${x} IS NULL THEN NULL ELSE ${usdSql(x)} END`;
  if (kind === 'timestamp') return `CASE WHEN ${x} IS NULL THEN NULL ELSE ${timestamp(x)} END`;
  return x;
}

function csvCellSql(x: string, kind: CellKind, timestamp: TimestampSql): string {
  if (kind !== 'text') return `COALESCE(${plainCellSql(x, kind, timestamp)} || '', '')`;
  const formula = `unicode(${x}) IN (${FORMULA_START_CODES})`;
  const guarded = `CASE WHEN ${formula} THEN '''' || ${x} ELSE ${x} END`;
  return `CASE WHEN ${x} IS NULL THEN ''
    WHEN instr(${x}, '"') OR instr(${x}, ',') OR instr(${x}, char(10)) OR instr(${x}, char(13))
      THEN '"' || replace(${guarded}, '"', '""') || '"'
    WHEN ${formula} THEN '''' || ${x}
    ELSE ${x} END`;
}

function offsetText(offsetMs: number): string {
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${offsetMs < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function zonedTimestampSql(fromMs: number, toMs: number, timeZone: string): { sql: TimestampSql; params: Record<string, unknown> } {
  const spans = offsetSpans(fromMs, toMs, timeZone);
  const params: Record<string, unknown> = { isoFrom: fromMs, isoTo: toMs };
  const pick = (x: string, value: (i: number) => string) =>
    spans.length === 1
      ? value(0)
      : `CASE ${spans
          .slice(1)
          .map((_, i) => `WHEN ${x} < @isoSpan${i + 1} THEN ${value(i)}`)
          .join(' ')} ELSE ${value(spans.length - 1)} END`;
  spans.forEach((span, i) => {
    params[`isoSpan${i}`] = span.fromMs;
    params[`isoOffset${i}`] = BigInt(span.offsetMs);
    params[`isoOffsetText${i}`] = offsetText(span.offsetMs);
  });
  return {
    params,
    sql: (x) => {
      const local = `(${x} + ${pick(x, (i) => `@isoOffset${i}`)})`;
      return `CASE WHEN ${x} >= @isoFrom AND ${x} < @isoTo
        THEN replace(datetime(${local} / 1000, 'unixepoch'), ' ', 'T') || '.' || substr(1000 + ${local} % 1000, 2) || ${pick(x, (i) => `@isoOffsetText${i}`)}
        ELSE ${functionTimestampSql(x)} END`;
    },
  };
}

const FINISH_MARGIN_MS = 2 * 86_400_000;

/** The columns this writer had: issue 15 appended more after `error`, and these keep their bytes. */
export const COLUMNS_BEFORE_ISSUE_15 = REQUEST_FIELDS.slice(0, REQUEST_FIELDS.findIndex((f) => f.name === 'error') + 1);

/** The whole per-request CSV (header, CRLF line ends, optional BOM) as today's writer wrote it. */
export function referenceRequestCsv(db: ReportDb, period: ResolvedPeriod, providerName: (id: string) => string, bom = false): { text: string; rows: number } {
  const where = ["r.status NOT IN ('pending', 'streaming')"];
  if (period.startMs !== null) where.push('r.started_at >= @startMs');
  if (period.endMs !== null) where.push('r.started_at < @endMs');
  const whereSql = where.join(' AND ');
  const params: Record<string, unknown> = { startMs: period.startMs, endMs: period.endMs, timeZone: period.timeZone };
  const providerIds = db.prepare<{ id: string }>(`SELECT DISTINCT r.provider_id AS id FROM requests r WHERE ${whereSql}`).all(params);
  const nameCases = providerIds.map(({ id }, i) => {
    params[`providerId${i}`] = id;
    params[`providerName${i}`] = providerName(id);
    return `WHEN @providerId${i} THEN @providerName${i}`;
  });
  const providerNameSql = nameCases.length ? `CASE r.provider_id ${nameCases.join(' ')} END` : 'r.provider_id';
  const columns = COLUMNS_BEFORE_ISSUE_15.map((f) => ({ ...f, sql: f.sql === PROVIDER_NAME_SQL ? providerNameSql : f.sql }));
  const span = db.prepare<{ first: number | null; last: number | null }>('SELECT MIN(started_at) AS first, MAX(started_at) AS last FROM requests').get()!;
  const from = period.startMs ?? span.first;
  const to = period.endMs ?? (span.last === null ? null : span.last + 1);
  const timestamp = from === null || to === null ? { sql: functionTimestampSql, params: {} } : zonedTimestampSql(from, to + FINISH_MARGIN_MS, period.timeZone);
  Object.assign(params, timestamp.params);
  const line = `concat_ws(',', ${columns.map((c) => csvCellSql(c.sql, c.kind, timestamp.sql)).join(', ')})`;
  let text = (bom ? '\uFEFF' : '') + COLUMNS_BEFORE_ISSUE_15.map((f) => f.name).join(',') + '\r\n';
  const statement = db.prepareRaw(
    `SELECT ${line} FROM requests r LEFT JOIN conversations c ON c.id = r.conversation_id WHERE ${whereSql} ORDER BY r.started_at, r.rowid`,
  );
  let rows = 0;
  for (const row of statement.iterate(params)) {
    text += `${row[0] as string}\r\n`;
    rows++;
  }
  return { text, rows };
}
