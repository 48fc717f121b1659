import type { Store } from './open-database';

const COUNTED_TABLES = ['providers', 'conversations', 'messages', 'requests', 'budgets', 'price_overrides'] as const;

export interface DatabaseFacts {
  file: string;
  schemaVersion: number;
  sqliteVersion: string;
  journalMode: string;
  rowCounts: Record<(typeof COUNTED_TABLES)[number], number>;
}

/** What `tallychat doctor` prints: enough to tell which database a host opened and its shape. */
export function readDatabaseFacts(store: Store): DatabaseFacts {
  const rowCounts = {} as DatabaseFacts['rowCounts'];
  for (const table of COUNTED_TABLES) {
    rowCounts[table] = store.sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
  }
  return {
    file: store.file,
    schemaVersion: store.schemaVersion,
    sqliteVersion: store.sqlite.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()!.v,
    journalMode: String(store.sqlite.pragma('journal_mode', { simple: true })),
    rowCounts,
  };
}
