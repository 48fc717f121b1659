import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMigrationsFolder } from '../../src/main/core/db/open-database';

/** A temp copy of drizzle/ holding only its first `count` migrations: a database "at version count". */
export function migrationsUpTo(count: number, folder = mkdtempSync(join(tmpdir(), 'tallychat-migrations-'))): string {
  cpSync(findMigrationsFolder(), folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}
