import { formatUsd, nanodollars, parseUsd } from '../../../shared/money';
import { escapeControlCharacters } from '../text/control-characters';
import { csvHeader, csvLine, UTF8_BOM } from './csv-format';
import type { Cell, FieldSpec } from './report-fields';
import type { ReportRows } from './report-rows';

/** Where report text goes: a file stream, stdout, or a string for the window's download. */
export interface ReportSink {
  /** May return a promise that settles when the sink can take more (backpressure). */
  write(chunk: string): void | Promise<void>;
}

export type ReportFormat = 'csv' | 'json' | 'table';

/**
 * Text is handed to the sink in chunks of about this size: a file stream's buffer, so each write
 * fills it once before waiting to drain (bigger chunks only grow the garbage between collections).
 */
const CHUNK_CHARS = 16 * 1024;

/**
 * A report's text in chunks, produced synchronously: a caller that never awaits between chunks
 * (the window's export, on the connection the app writes through) holds the connection for one
 * uninterrupted walk. `counter.rows` is the number of data rows once the walk is done.
 */
export function* reportChunks(report: ReportRows, format: ReportFormat, options: { bom?: boolean }, counter: { rows: number }): Generator<string> {
  let buffer = '';
  const lines =
    format === 'table'
      ? alignedTable(report, counter).lines()
      : format === 'csv'
        ? csvText(report, options.bom ?? false, counter)
        : jsonText(report, counter);
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

function* csvText(report: ReportRows, bom: boolean, counter: { rows: number }): Iterable<string> {
  yield (bom ? UTF8_BOM : '') + csvHeader(report.fields);
  if (report.csvLines) {
    for (const line of report.csvLines()) {
      counter.rows++;
      yield line;
    }
    return;
  }
  for (const cells of report.rows()) {
    counter.rows++;
    yield csvLine(cells, report.fields);
  }
}

function* jsonText(report: ReportRows, counter: { rows: number }): Iterable<string> {
  yield '[';
  const objects = report.jsonObjects?.() ?? map(report.rows(), (cells) => JSON.stringify(jsonRecord(cells, report.fields)));
  for (const object of objects) {
    yield `${counter.rows === 0 ? '\n' : ',\n'}${object}`;
    counter.rows++;
  }
  yield counter.rows === 0 ? ']\n' : '\n]\n';
}

/** Streams a report to a sink, waiting whenever the sink asks to; returns the number of data rows. */
export async function writeReportRows(report: ReportRows, format: ReportFormat, sink: ReportSink, options: { bom?: boolean } = {}): Promise<number> {
  const counter = { rows: 0 };
  for (const chunk of reportChunks(report, format, options, counter)) {
    const wait = sink.write(chunk);
    if (wait) await wait;
  }
  return counter.rows;
}

function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Iterable<U> {
  for (const item of items) yield f(item);
}

/** One object per row, keys as the CSV header; decimals stay strings so no float ever holds money. */
export function jsonRecord(cells: readonly Cell[], fields: readonly FieldSpec[]): Record<string, Cell> {
  const record: Record<string, Cell> = {};
  fields.forEach((f, i) => (record[f.name] = cells[i] ?? null));
  return record;
}

/** Columns a person reads in a terminal; the rest are in CSV and JSON. */
const TABLE_COLUMNS = new Set([
  'started_at', 'day', 'month', 'provider', 'model', 'conversation_title', 'status', 'usage_source',
  'requests', 'input_tokens', 'output_tokens', 'cost_usd', 'unpriced_requests', 'estimated_requests',
]);
const TOTALLED = new Set(['requests', 'input_tokens', 'output_tokens', 'cost_usd', 'unpriced_requests', 'estimated_requests']);
const TITLE_WIDTH = 40;

/**
 * An aligned table with a total line. Widths need every row, so the rows are walked twice: once
 * here for widths and totals, once by `lines()` (the ledger is read again, not held in memory).
 */
function alignedTable(report: ReportRows, counter: { rows: number }): { lines(): Iterable<string> } {
  const columns = report.fields.map((f, i) => ({ ...f, index: i })).filter((f) => TABLE_COLUMNS.has(f.name));
  const show = (cells: readonly Cell[], c: (typeof columns)[number]) => {
    const value = cells[c.index];
    if (value === null || value === undefined) return c.kind === 'decimal' ? 'unknown' : '';
    // A table is read in a terminal: a title or model name cannot carry escape sequences into it.
    const text = escapeControlCharacters(String(value));
    return c.name === 'conversation_title' && text.length > TITLE_WIDTH ? `${text.slice(0, TITLE_WIDTH - 1)}…` : text;
  };
  const widths = columns.map((c) => c.name.length);
  const totals = new Map<string, number>(columns.filter((c) => TOTALLED.has(c.name)).map((c) => [c.name, 0]));
  for (const cells of report.rows()) {
    counter.rows++;
    columns.forEach((c, i) => {
      widths[i] = Math.max(widths[i]!, show(cells, c).length);
      const value = cells[c.index];
      if (totals.has(c.name) && value !== null && value !== undefined) {
        totals.set(c.name, totals.get(c.name)! + (c.kind === 'decimal' ? parseUsd(String(value)) : Number(value)));
      }
    });
  }
  const totalCells = columns.map((c, i) => {
    if (i === 0) return `Total (${counter.rows} ${counter.rows === 1 ? 'row' : 'rows'})`;
    const total = totals.get(c.name);
    if (total === undefined) return '';
    return c.kind === 'decimal' ? formatUsd(nanodollars(total)) : String(total);
  });
  columns.forEach((_, i) => (widths[i] = Math.max(widths[i]!, totalCells[i]!.length)));
  const line = (texts: string[]) =>
    texts.map((t, i) => (columns[i]!.kind === 'text' || columns[i]!.kind === 'timestamp' ? t.padEnd(widths[i]!) : t.padStart(widths[i]!))).join('  ').trimEnd() + '\n';
  return {
    *lines() {
      yield line(columns.map((c) => c.name));
      yield line(widths.map((w) => '-'.repeat(w)));
      for (const cells of report.rows()) yield line(columns.map((c) => show(cells, c)));
      yield line(widths.map((w) => '-'.repeat(w)));
      yield line(totalCells);
    },
  };
}
