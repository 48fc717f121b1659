import type Database from 'better-sqlite3';
import { openStore, type Store } from '../db/open-database';
import { registerIsoTimeFunction } from './iso-time-function';

declare const readOnlyBrand: unique symbol;

/**
 * A database handle reports read through. Every statement is checked when prepared: one that
 * would write is refused, so no report can change the ledger (STYLE.md, "reports get a read-only
 * handle"). Statements are cached by their text.
 */
export interface ReportDb {
  readonly [readOnlyBrand]: true;
  prepare<Row>(sql: string): ReadStatement<Row>;
  /** Rows as arrays of column values, in SELECT order. */
  prepareRaw(sql: string): ReadStatement<unknown[]>;
  /**
   * SQLite's data_version: it changes when another connection commits. Read outside a
   * transaction it is the ledger's latest; the one beginRead returns is its snapshot's.
   */
  dataVersion(): number;
  /** Starts a read transaction: every statement until end() reads the same snapshot. */
  beginRead(): { dataVersion: number; end(): void };
}

export interface ReadStatement<Row> {
  all(params?: Record<string, unknown>): Row[];
  get(params?: Record<string, unknown>): Row | undefined;
  iterate(params?: Record<string, unknown>): IterableIterator<Row>;
}

export class ReportWriteRefused extends Error {}

/**
 * A read-only view of a connection (the window's core shares the app's; the CLI opens its own).
 * It registers the one SQL function reports use, ISO timestamps in a time zone, on the connection.
 */
export function readOnlyView(sqlite: Database.Database): ReportDb {
  registerIsoTimeFunction(sqlite);
  const caches = { objects: new Map<string, Database.Statement>(), arrays: new Map<string, Database.Statement>() };
  const prepared = <Row>(sql: string, raw: boolean): ReadStatement<Row> => {
    const cache = raw ? caches.arrays : caches.objects;
    let statement = cache.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      if (!statement.readonly) throw new ReportWriteRefused(`Reports only read the ledger; refused: ${sql.trim().slice(0, 80)}`);
      if (raw) statement.raw(true);
      cache.set(sql, statement);
    }
    const s = statement;
    return {
      all: (params = {}) => s.all(params) as Row[],
      get: (params = {}) => s.get(params) as Row | undefined,
      iterate: (params = {}) => s.iterate(params) as IterableIterator<Row>,
    };
  };
  const dataVersion = () => Number(sqlite.pragma('data_version', { simple: true }));
  const view = {
    prepare: <Row>(sql: string) => prepared<Row>(sql, false),
    prepareRaw: (sql: string) => prepared<unknown[]>(sql, true),
    dataVersion,
    beginRead: () => {
      sqlite.exec('BEGIN');
      // The read transaction, and so the snapshot, starts at the first read: this one.
      return {
        dataVersion: dataVersion(),
        end: () => {
          if (sqlite.inTransaction) sqlite.exec('COMMIT');
        },
      };
    },
  };
  return view as unknown as ReportDb;
}

/** SQLite's usual 2 MB (negative: kibibytes), for every connection an export reads through. */
export const REPORT_CACHE_SIZE = -2000;

/**
 * A connection of its own, opened read-only by SQLite itself (the CLI's and the desktop app's
 * exports to a file). Its page cache is SQLite's usual 2 MB rather than better-sqlite3's 16 MB: an
 * export reads each page once (the operating system caches the file anyway), so a bigger cache
 * only adds to its peak memory.
 */
export function openReadOnlyReportDb(file: string, nativeBinding?: string): { db: ReportDb; store: Store; close(): void } {
  const store = openStore({ file, readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  store.sqlite.pragma(`cache_size = ${REPORT_CACHE_SIZE}`);
  return { db: readOnlyView(store.sqlite), store, close: () => store.close() };
}
