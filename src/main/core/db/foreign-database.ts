import { statSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Tables every Tallychat ledger has had since its first migration. */
const OUR_TABLES = ['__drizzle_migrations', 'requests', 'settings'];

/** A file at the ledger's path that is not a Tallychat ledger: refused, and left as it was. */
export class ForeignDatabaseError extends Error {
  override readonly name = 'ForeignDatabaseError';
  constructor(file: string, what: string) {
    super(
      `${file} is not a Tallychat ledger (${what}). Tallychat left it untouched. ` +
        'Move it away or rename it, or choose another data folder.',
    );
  }
}

/**
 * Looks at an existing file before anything writes to it (no WAL switch, no migrations table):
 * a file that is not SQLite, or an SQLite database with tables but none of ours, is refused.
 * An empty or missing file is a new ledger.
 */
export function refuseForeignDatabase(file: string, nativeBinding?: string): void {
  const size = sizeOf(file);
  if (size === undefined || size === 0) return;
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    // Unreadable is a storage problem, reported with its cause when the ledger is opened.
    return;
  }
  try {
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]).map((t) => t.name);
    const missing = OUR_TABLES.filter((t) => !tables.includes(t));
    if (tables.length > 0 && missing.length > 0) {
      const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
      throw new ForeignDatabaseError(file, `it holds the tables ${shown}, and no ${missing.join(', ')}`);
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') throw new ForeignDatabaseError(file, 'it is not an SQLite database, or its first page is damaged');
    throw error;
  } finally {
    sqlite.close();
  }
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}
