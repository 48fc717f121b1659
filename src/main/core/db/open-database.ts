import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ensureDataFolder } from './data-folder';
import { refuseForeignDatabase } from './foreign-database';
import { checkIntegrityAtStartup } from './integrity-check';
import * as schema from './schema';
import { describeStorageFailure } from './storage-errors';

export type AppDatabase = BetterSQLite3Database<typeof schema>;

export interface Store {
  /** The raw handle, for hot paths and transactions that need `BEGIN IMMEDIATE`. */
  sqlite: Database.Database;
  db: AppDatabase;
  file: string;
  /** How many migrations the database has applied (the schema version). */
  schemaVersion: number;
  close(): void;
}

export interface OpenStoreOptions {
  file: string;
  migrationsFolder?: string;
  /** Path to a better-sqlite3 `.node` built for the running ABI (the Electron host passes its own). */
  nativeBinding?: string;
  readonly?: boolean;
}

export class DatabaseTooNewError extends Error {
  constructor(file: string, dbVersion: number, appVersion: number) {
    super(
      `The database ${file} was written by a newer Tallychat (schema ${dbVersion}, this version knows ${appVersion}). ` +
        'Update Tallychat, or open another data folder.',
    );
  }
}

/** Busy timeout: the app, the CLI and browser mode may write the same file at once. */
const BUSY_TIMEOUT_MS = 5000;

export function openStore(options: OpenStoreOptions): Store {
  const migrationsFolder = options.migrationsFolder ?? findMigrationsFolder();
  if (!options.readonly) ensureDataFolder(dirname(options.file));
  let sqlite: Database.Database;
  try {
    refuseForeignDatabase(options.file, options.nativeBinding);
    sqlite = new Database(options.file, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw describeStorageFailure(options.file, error, options.readonly ? 'read' : 'write');
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (!options.readonly) {
      checkIntegrityAtStartup(sqlite, options.file);
      sqlite.pragma('journal_mode = WAL');
      // NORMAL is durable in WAL mode except for the last transactions on power loss, not on crash.
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    const known = readJournalLength(migrationsFolder);
    const applied = appliedMigrationCount(sqlite);
    if (applied > known) throw new DatabaseTooNewError(options.file, applied, known);
    if (!options.readonly) migrate(db, { migrationsFolder });
    return {
      sqlite,
      db,
      file: options.file,
      schemaVersion: appliedMigrationCount(sqlite),
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw describeStorageFailure(options.file, error, options.readonly ? 'read' : 'write');
  }
}

function appliedMigrationCount(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return row.n;
}

function readJournalLength(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * The migrations live in `drizzle/` at the project root. Walking up from this module finds them
 * both from the sources (CLI, tests) and from the bundled `out/main` (the Electron app).
 */
export function findMigrationsFolder(start = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No drizzle/ migrations folder above ${start}`);
    dir = parent;
  }
}
