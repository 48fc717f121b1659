import type { Cell, CellKind, FieldSpec } from './report-fields';

/**
 * A cell a spreadsheet would run as a formula (or DDE): OWASP's list of leading characters.
 * Such text gets a leading single quote, so Excel, LibreOffice and Sheets show it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const CRLF = '\r\n';
export const UTF8_BOM = '\uFEFF';

/** One RFC 4180 field. Only text is guarded and quoted: numbers, decimals and timestamps stay numbers. */
export function csvCell(value: Cell, kind: CellKind): string {
  if (value === null) return '';
  if (kind !== 'text' || typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[], fields: readonly FieldSpec[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i === 0 ? '' : ',') + csvCell(cells[i] ?? null, fields[i]!.kind);
  return line + CRLF;
}

export function csvHeader(fields: readonly FieldSpec[]): string {
  return fields.map((f) => f.name).join(',') + CRLF;
}
