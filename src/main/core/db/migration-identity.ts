import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { z } from 'zod';

export class DatabaseTooNewError extends Error {
  constructor(file: string, dbVersion: number, appVersion: number) {
    super(
      `The database ${file} was written by a newer Tallychat (schema ${dbVersion}, this version knows ${appVersion}). ` +
        'Update Tallychat, or open another data folder.',
    );
  }
}

/** A migration the database applied is not the one this app ships under the same position. */
export class MigrationMismatchError extends Error {
  constructor(file: string, position: number, tag: string) {
    super(
      `The database ${file} applied a different migration ${position + 1} than this Tallychat's ${tag} ` +
        '(the migration was edited, renamed or reordered after it ran). Open it with the Tallychat that wrote it, or restore a backup.',
    );
  }
}

interface AppliedMigration {
  hash: string;
  createdAt: number;
}

/**
 * Compares what the database applied with the app's migrations one by one, by identity (the
 * migration's content hash and its journal time, as drizzle records them), not by count: an
 * edited or renamed migration would otherwise pass unnoticed and leave the schema off its history.
 * Returns how many migrations this app ships that the database has not applied yet.
 */
export function checkMigrationIdentity(sqlite: Database.Database, migrationsFolder: string, file: string): number {
  const known = readMigrationFiles({ migrationsFolder });
  const tags = journalTags(migrationsFolder);
  const applied = appliedMigrations(sqlite);
  if (applied.length > known.length) throw new DatabaseTooNewError(file, applied.length, known.length);
  applied.forEach((row, position) => {
    const ours = known[position]!;
    if (row.hash !== ours.hash || row.createdAt !== ours.folderMillis) {
      throw new MigrationMismatchError(file, position, tags[position] ?? `#${position + 1}`);
    }
  });
  return known.length - applied.length;
}

/** The migrations the database has applied, in the order it applied them. */
export function appliedMigrations(sqlite: Database.Database): AppliedMigration[] {
  const table = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!table) return [];
  return sqlite
    .prepare<[], AppliedMigration>('SELECT hash, CAST(created_at AS INTEGER) AS createdAt FROM __drizzle_migrations ORDER BY id')
    .all();
}

const journalSchema = z.object({ entries: z.array(z.object({ tag: z.string() })) });

/** The migrations' names, for a message a person can act on. */
function journalTags(migrationsFolder: string): string[] {
  const journal = journalSchema.parse(JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')));
  return journal.entries.map((entry) => entry.tag);
}
