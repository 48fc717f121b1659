import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ensureDataFolder } from './data-folder';
import { refuseForeignDatabase } from './foreign-database';
import { checkIntegrityAtStartup } from './integrity-check';
import { appliedMigrations, checkMigrationIdentity } from './migration-identity';
import * as schema from './schema';
import { registerSqlFunctions } from './sql-functions';
import { describeStorageFailure } from './storage-errors';

export type AppDatabase = BetterSQLite3Database<typeof schema>;

export interface Store {
  /** The raw handle, for hot paths and transactions that need `BEGIN IMMEDIATE`. */
  sqlite: Database.Database;
  db: AppDatabase;
  file: string;
  /** How many migrations the database has applied (the schema version). */
  schemaVersion: number;
  /** Migrations this app ships that the database lacks: none once opened for writing (they ran). */
  pendingMigrations: number;
  close(): void;
}

export interface OpenStoreOptions {
  file: string;
  migrationsFolder?: string;
  /** Path to a better-sqlite3 `.node` built for the running ABI (the Electron host passes its own). */
  nativeBinding?: string;
  readonly?: boolean;
}

export { DatabaseTooNewError, MigrationMismatchError } from './migration-identity';

/** Busy timeout: the app, the CLI and browser mode may write the same file at once. */
export const BUSY_TIMEOUT_MS = 5000;

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
    const pending = checkMigrationIdentity(sqlite, migrationsFolder, options.file);
    registerSqlFunctions(sqlite);
    if (!options.readonly) migrate(db, { migrationsFolder });
    return {
      sqlite,
      db,
      file: options.file,
      schemaVersion: appliedMigrations(sqlite).length,
      pendingMigrations: options.readonly ? pending : 0,
      close: () => sqlite.close(),
    };
  } catch (error) {
    sqlite.close();
    throw describeStorageFailure(options.file, error, options.readonly ? 'read' : 'write');
  }
}

/**
 * The migrations live in `drizzle/` at the project root. Walking up from this module finds them
 * from the sources (CLI, tests), from the bundled `out/main` (the app run from a checkout), and in
 * an installed app, where electron-builder puts `drizzle/` beside `out/` inside
 * `resources/app.asar` (electron-builder.yml), which Electron reads as a folder.
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
