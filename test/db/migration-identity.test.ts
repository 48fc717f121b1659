import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, MigrationMismatchError, openStore } from '../../src/main/core/db/open-database';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('tallychat-migrations-');
const migrations = findMigrationsFolder();
const journal = JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };

function copyOfMigrations(): string {
  const dir = join(tempDir(), 'drizzle');
  cpSync(migrations, dir, { recursive: true });
  return dir;
}

function migratedDatabase(): string {
  const file = join(tempDir(), 'tallychat.sqlite');
  openStore({ file }).close();
  return file;
}

describe('migrations are checked by identity, not by count', () => {
  it('refuses a database whose applied migration was edited afterwards, naming the migration', () => {
    const file = migratedDatabase();
    const folder = copyOfMigrations();
    const edited = journal.entries[2]!.tag;
    appendFileSync(join(folder, `${edited}.sql`), '\n-- a later edit\n');

    expect(() => openStore({ file, migrationsFolder: folder })).toThrow(MigrationMismatchError);
    expect(() => openStore({ file, migrationsFolder: folder })).toThrow(
      `The database ${file} applied a different migration 3 than this Tallychat's ${edited} (the migration was edited, renamed or reordered after it ran).`,
    );
  });

  it('refuses a history where another migration took an applied one\'s place, although the count is the same', () => {
    const file = migratedDatabase();
    const folder = copyOfMigrations();
    const entries = [...journal.entries];
    const [third, fourth] = [entries[3]!, entries[4]!];
    entries[3] = fourth;
    entries[4] = third;
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));

    expect(() => openStore({ file, migrationsFolder: folder })).toThrow(`migration 4 than this Tallychat's ${fourth.tag}`);
  });

  it('opens a database whose history matches, again and again', () => {
    const file = migratedDatabase();
    const again = openStore({ file });
    expect(again.schemaVersion).toBe(journal.entries.length);
    again.close();
  });
});
