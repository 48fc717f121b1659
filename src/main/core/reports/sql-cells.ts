import { csvCell } from './csv-format';
import type { CellKind } from './report-fields';
import { functionTimestampSql, type TimestampSql } from './sql-timestamps';

/**
 * The same cell rendering as csv-format.ts and formatUsd, done by SQLite: a million-row export
 * then hands one string per row to JavaScript instead of 27 values, which is most of its cost.
 * A test holds these renderings to the JavaScript ones, cell for cell.
 */

/** First characters that make a spreadsheet run a cell (= + - @ tab CR), as code points. */
const FORMULA_START_CODES = [61, 43, 45, 64, 9, 13].join(', ');

/**
 * Exact dollars with 9 places from integer nano-dollars (formatUsd's digits); SQLite's / and %
 * truncate toward zero. The nine places are the remainder plus 10^9 with its leading 1 cut off:
 * half the time of printf's '%09d', which a million-row export pays for every priced column.
 */
function usdSql(x: string): string {
  const digits = (v: string) => `(${v} / 1000000000) || '.' || substr(${v} % 1000000000 + 1000000000, 2)`;
  return `CASE WHEN ${x} >= 0 THEN ${digits(x)} ELSE '-' || ${digits(`-(${x})`)} END`;
}

/** The value as it is, with decimals and timestamps as text: the JSON and table cells. */
export function plainCellSql(x: string, kind: CellKind, timestamp: TimestampSql = functionTimestampSql): string {
  if (kind === 'decimal') return `CASE WHEN ${x} IS NULL THEN NULL ELSE ${usdSql(x)} END`;
  if (kind === 'timestamp') return `CASE WHEN ${x} IS NULL THEN NULL ELSE ${timestamp(x)} END`;
  return x;
}

/**
 * One RFC 4180 field, formula-guarded, as csvCell writes it ('' for NULL). Written for speed
 * (instr and unicode rather than GLOB): it runs for every text cell of a million-row export.
 * `known` values a column mostly holds (statuses, models) skip the checks: each is compared and
 * answered with csvCell's own rendering of it, and anything else takes the checks as before.
 */
export function csvCellSql(x: string, kind: CellKind, timestamp?: TimestampSql, known: readonly string[] = []): string {
  return `COALESCE(${csvCellOrNullSql(x, kind, timestamp, known)} || '', '')`;
}

/**
 * The cell's CSV text, or NULL for an empty cell: concat() writes NULL as nothing, so a line
 * needs no NULL test per cell, and an integer needs no expression at all (concat writes it as
 * `|| ''` would).
 */
function csvCellOrNullSql(x: string, kind: CellKind, timestamp: TimestampSql | undefined, known: readonly string[]): string {
  if (kind === 'integer') return x;
  if (kind !== 'text') return plainCellSql(x, kind, timestamp);
  const literals = known.filter((value) => !value.includes('\0'));
  if (literals.length === 0) return guardedTextSql(x);
  const answers = literals.map((value) => `WHEN ${sqlText(value)} THEN ${sqlText(csvCell(value, 'text'))}`);
  return `CASE ${x} ${answers.join(' ')} ELSE ${guardedTextSql(x)} END`;
}

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** NULL stays NULL: each test is NULL for it, so it falls through to the ELSE. */
function guardedTextSql(x: string): string {
  const formula = `unicode(${x}) IN (${FORMULA_START_CODES})`;
  const guarded = `CASE WHEN ${formula} THEN '''' || ${x} ELSE ${x} END`;
  return `CASE WHEN instr(${x}, '"') OR instr(${x}, ',') OR instr(${x}, char(10)) OR instr(${x}, char(13))
      THEN '"' || replace(${guarded}, '"', '""') || '"'
    WHEN ${formula} THEN '''' || ${x}
    ELSE ${x} END`;
}

/** A whole CSV line with its CRLF, built in one step. */
export function csvLineSql(columns: { sql: string; kind: CellKind; known?: readonly string[] }[], timestamp?: TimestampSql): string {
  return `concat(${columns.map((c) => csvCellOrNullSql(c.sql, c.kind, timestamp, c.known ?? [])).join(", ',', ")}, char(13, 10))`;
}

/** A whole JSON object with the fields' names as keys (decimals as strings, unknown as null). */
export function jsonObjectSql(columns: { name: string; sql: string; kind: CellKind }[], timestamp?: TimestampSql): string {
  return `json_object(${columns.map((c) => `'${c.name}', ${plainCellSql(c.sql, c.kind, timestamp)}`).join(', ')})`;
}
