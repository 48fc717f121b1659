import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { findMigrationsFolder, openStore, type Store } from '../../src/main/core/db/open-database';

/** A temp copy of drizzle/ holding only its first `count` migrations: a database "at version count". */
export function migrationsUpTo(count: number, folder = mkdtempSync(join(tmpdir(), 'tallychat-migrations-'))): string {
  cpSync(findMigrationsFolder(), folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

/**
 * How many migrations come before the one whose tag ends with `suffix`: its place in the journal,
 * whatever number it was given (two branches may both have taken the next one).
 */
export function migrationsBefore(suffix: string): number {
  const journal = JSON.parse(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag.endsWith(suffix));
  if (index < 0) throw new Error(`No migration's tag ends with "${suffix}".`);
  return index;
}

/**
 * Opens a database "at version count"; after each test every store it opened is closed (unless
 * the test closed it already) and its migrations folder removed.
 */
export function useStoresAtVersion(): (file: string, count: number) => Store {
  const stores: Store[] = [];
  const folders: string[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) if (store.sqlite.open) store.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return (file, count) => {
    const folder = migrationsUpTo(count);
    folders.push(folder);
    const store = openStore({ file, migrationsFolder: folder });
    stores.push(store);
    return store;
  };
}
