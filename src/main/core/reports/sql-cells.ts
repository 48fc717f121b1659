import type { CellKind } from './report-fields';
import { functionTimestampSql, type TimestampSql } from './sql-timestamps';

/**
 * The same cell rendering as csv-format.ts and formatUsd, done by SQLite: a million-row export
 * then hands one string per row to JavaScript instead of 27 values, which is most of its cost.
 * A test holds these renderings to the JavaScript ones, cell for cell.
 */

/** First characters that make a spreadsheet run a cell (= + - @ tab CR), as code points. */
const FORMULA_START_CODES = [61, 43, 45, 64, 9, 13].join(', ');

/** Exact dollars with 9 places from integer nano-dollars (formatUsd's digits). */
function usdSql(x: string): string {
  return `printf('%s%d.%09d', CASE WHEN ${x} < 0 THEN '-' ELSE '' END, abs(${x}) / 1000000000, abs(${x}) % 1000000000)`;
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
 */
export function csvCellSql(x: string, kind: CellKind, timestamp?: TimestampSql): string {
  if (kind !== 'text') return `COALESCE(${plainCellSql(x, kind, timestamp)} || '', '')`;
  const formula = `unicode(${x}) IN (${FORMULA_START_CODES})`;
  const guarded = `CASE WHEN ${formula} THEN '''' || ${x} ELSE ${x} END`;
  return `CASE WHEN ${x} IS NULL THEN ''
    WHEN instr(${x}, '"') OR instr(${x}, ',') OR instr(${x}, char(10)) OR instr(${x}, char(13))
      THEN '"' || replace(${guarded}, '"', '""') || '"'
    WHEN ${formula} THEN '''' || ${x}
    ELSE ${x} END`;
}

/** A whole CSV line (without its CRLF), built in one step (no cell is NULL for concat_ws to skip). */
export function csvLineSql(columns: { sql: string; kind: CellKind }[], timestamp?: TimestampSql): string {
  return `concat_ws(',', ${columns.map((c) => csvCellSql(c.sql, c.kind, timestamp)).join(', ')})`;
}

/** A whole JSON object with the fields' names as keys (decimals as strings, unknown as null). */
export function jsonObjectSql(columns: { name: string; sql: string; kind: CellKind }[], timestamp?: TimestampSql): string {
  return `json_object(${columns.map((c) => `'${c.name}', ${plainCellSql(c.sql, c.kind, timestamp)}`).join(', ')})`;
}
