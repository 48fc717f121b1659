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

describe('the rollup backfill is a migration', () => {
  it('fills both rollups from an older ledger, on the local days of the settings\' time zone', () => {
    const file = join(tempDir(), 'tallychat.sqlite');
    const folder = copyOfMigrations();
    const rollupsFrom = journal.entries.findIndex((entry) => entry.tag.includes('usage_daily_rollup'));
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, rollupsFrom) }));
    const old = openStore({ file, migrationsFolder: folder });
    old.sqlite.prepare(`INSERT INTO settings (key, value_json) VALUES ('timeZone', '"America/New_York"')`).run();
    const insert = old.sqlite.prepare(
      `INSERT INTO requests (id, provider_id, provider_kind, model, status, streamed, input_tokens, output_tokens, usage_source, cost_usd_nanos, started_at)
       VALUES (?, 'openai', 'openai', 'gpt-4o', ?, 1, 100, 10, 'provider', ?, ?)`,
    );
    // 03:00 UTC on the 15th is still the 14th in New York; the open row is not final and stays out.
    insert.run('r1', 'completed', 2_000, Date.UTC(2026, 0, 15, 3));
    insert.run('r2', 'failed', null, Date.UTC(2026, 0, 15, 6));
    insert.run('r3', 'streaming', null, Date.UTC(2026, 0, 15, 7));
    old.close();

    const upgraded = openStore({ file });
    expect(upgraded.sqlite.prepare('SELECT day, status, requests, cost_usd_nanos, unpriced_requests FROM usage_daily_rollup ORDER BY day').all()).toEqual([
      { day: '2026-01-14', status: 'completed', requests: 1, cost_usd_nanos: 2_000, unpriced_requests: 0 },
      { day: '2026-01-15', status: 'failed', requests: 1, cost_usd_nanos: 0, unpriced_requests: 1 },
    ]);
    expect(upgraded.sqlite.prepare('SELECT conversation_id, status, requests FROM usage_conversation_rollup ORDER BY status').all()).toEqual([
      { conversation_id: '', status: 'completed', requests: 1 },
      { conversation_id: '', status: 'failed', requests: 1 },
    ]);
    upgraded.close();
  });
});
