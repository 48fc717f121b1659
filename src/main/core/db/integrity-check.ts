import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { BACKUPS_FOLDER } from '../settings-admin/general-settings';

/**
 * Start-up checks the whole file with `PRAGMA quick_check` up to this many pages (measured here:
 * 15,059 pages, 60 MB, 200,000 ledger rows: 76–116 ms). A larger ledger gets the tables outside
 * the ledger's bulk checked at start-up, and the whole file in `tallychat doctor`.
 */
export const QUICK_CHECK_MAX_PAGES = 40_000;
const BULK_TABLES = new Set(['requests', 'messages']);

/** The ledger is damaged: nothing may be written into it. */
export class CorruptLedgerError extends Error {
  override readonly name = 'CorruptLedgerError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `The ledger ${file} is damaged (${problem}). Tallychat will not write into it. ` +
        `Restore a backup: Settings → General → Back up database keeps them in ${join(dirname(file), BACKUPS_FOLDER)}; ` +
        'copy the newest over this file while Tallychat is closed. `tallychat doctor` lists every problem.',
    );
  }
}

/** Runs before anything writes: a damaged ledger throws CorruptLedgerError. */
export function checkIntegrityAtStartup(sqlite: Database.Database, file: string, maxPages = QUICK_CHECK_MAX_PAGES): void {
  const pages = Number(sqlite.pragma('page_count', { simple: true }));
  const targets = pages <= maxPages ? [''] : smallTables(sqlite);
  for (const table of targets) {
    const first = problemsOf(sqlite, `quick_check(${table ? quoted(table) : 1})`)[0];
    if (first !== undefined) throw new CorruptLedgerError(file, `SQLite integrity check: ${first}`);
  }
}

/** Every problem `PRAGMA integrity_check` finds (up to 100), or [] for a sound file. */
export function fullIntegrityProblems(store: { sqlite: Database.Database }): string[] {
  return problemsOf(store.sqlite, 'integrity_check(100)');
}

/** The same check on a ledger too damaged to open as usual: read-only, nothing migrated or written. */
export function fullIntegrityProblemsOfFile(file: string): string[] {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fullIntegrityProblems({ sqlite });
  } finally {
    sqlite.close();
  }
}

/** A check's findings; a page too damaged to walk makes SQLite throw instead, which is one finding. */
function problemsOf(sqlite: Database.Database, pragma: string): string[] {
  let rows: Record<string, unknown>[];
  try {
    rows = sqlite.pragma(pragma) as Record<string, unknown>[];
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return [(error as Error).message];
    throw error;
  }
  const texts = rows.map((row) => String(Object.values(row)[0]));
  return texts.length === 1 && texts[0] === 'ok' ? [] : texts;
}

/**
 * Every table but the ledger's bulk, and no virtual table: a check of an FTS5 table is FTS5's own
 * (SQLite 3.44+), which re-reads all the text it indexes: every message, every error, seconds on
 * a 1,000,000-request ledger at each start of the app or the CLI. Their shadow tables, where the
 * index lives, are ordinary tables and are checked like the others; doctor checks everything.
 */
function smallTables(sqlite: Database.Database): string[] {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'").all() as { name: string }[];
  return tables.map((t) => t.name).filter((name) => !BULK_TABLES.has(name));
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
