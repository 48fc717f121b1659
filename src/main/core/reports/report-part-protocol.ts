import type { SqlStatement } from './report-rows';

/** What a report part worker is started with (report-part-worker.ts). */
export interface ReportPartInput {
  /** The ledger's file. */
  file: string;
  nativeBinding?: string;
  busyTimeoutMs: number;
  /** SQLite's cache_size pragma: the same as the report's own connection. */
  cacheSize: number;
  /** Its part's statement: one column, the CSV line. */
  statement: SqlStatement;
  /** The file its lines go to; created by the worker, which fails if it exists. */
  output: string;
}

/** begin: take (or retake) the read snapshot; write: write the part, then end. */
export type PartCommand = { kind: 'begin' } | { kind: 'write' };

/** failed: what went wrong, as text (a SqliteError crosses to the other thread without its message). */
export type PartReply = { kind: 'ready' } | { kind: 'begun' } | { kind: 'written'; rows: number } | { kind: 'failed'; message: string };
