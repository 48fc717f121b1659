import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, findMigrationsFolder, openStore } from '../../src/main/core/db/open-database';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const migrations = findMigrationsFolder();
const journal = JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string }[];
};

/** A copy of the migrations folder that knows only the first `count` migrations. */
function migrationsUpTo(count: number): string {
  const dir = join(tempDir(), 'drizzle');
  cpSync(migrations, dir, { recursive: true });
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return dir;
}

describe('openStore', () => {
  it('creates the file in WAL mode with foreign keys and a busy timeout, at the latest schema', () => {
    const store = openStore({ file: join(tempDir(), 'nested', 'ledger.sqlite') });
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.schemaVersion).toBe(journal.entries.length);
    store.close();
  });

  it('upgrades a database made by the first migration without losing its rows', () => {
    const file = join(tempDir(), 'old.sqlite');
    const old = openStore({ file, migrationsFolder: migrationsUpTo(1) });
    expect(old.schemaVersion).toBe(1);
    const now = Date.UTC(2026, 0, 15);
    old.sqlite
      .prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run('c1', 'Trip to Lisbon ✈️', now, now);
    old.sqlite
      .prepare(
        `INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('m1', 'c1', 'user', 'Hello', 'complete', ?)`,
      )
      .run(now);
    old.sqlite
      .prepare(
        `INSERT INTO requests (id, conversation_id, provider_id, provider_kind, model, status, streamed, input_tokens,
           output_tokens, usage_source, cost_usd_nanos, started_at)
         VALUES ('r1', 'c1', 'openai', 'openai', 'gpt-4o', 'completed', 1, 1200, 300, 'provider', 6000000, ?)`,
      )
      .run(now);
    old.sqlite.prepare(`INSERT INTO settings (key, value_json) VALUES ('timeZone', '"UTC"')`).run();
    old.close();

    const upgraded = openStore({ file });
    expect(upgraded.schemaVersion).toBe(journal.entries.length);
    expect(upgraded.sqlite.prepare('SELECT title FROM conversations').all()).toEqual([{ title: 'Trip to Lisbon ✈️' }]);
    expect(upgraded.sqlite.prepare('SELECT content FROM messages').all()).toEqual([{ content: 'Hello' }]);
    expect(
      upgraded.sqlite.prepare('SELECT id, input_tokens, output_tokens, cost_usd_nanos, billed_currency FROM requests').all(),
    ).toEqual([{ id: 'r1', input_tokens: 1200, output_tokens: 300, cost_usd_nanos: 6000000, billed_currency: 'USD' }]);
    // Rollup tables added later are filled from the ledger that was already there (by a migration).
    expect(upgraded.sqlite.prepare('SELECT day, requests, cost_usd_nanos FROM usage_daily_rollup').all()).toEqual([
      { day: '2026-01-15', requests: 1, cost_usd_nanos: 6000000 },
    ]);
    expect(
      upgraded.sqlite.prepare('SELECT conversation_id, model, status, requests, cost_usd_nanos FROM usage_conversation_rollup').all(),
    ).toEqual([{ conversation_id: 'c1', model: 'gpt-4o', status: 'completed', requests: 1, cost_usd_nanos: 6000000 }]);
    upgraded.close();
  });

  it('refuses a database written by a newer Tallychat', () => {
    const file = join(tempDir(), 'new.sqlite');
    openStore({ file }).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 1e9);
    raw.close();
    expect(() => openStore({ file })).toThrow(DatabaseTooNewError);
    const known = journal.entries.length;
    expect(() => openStore({ file })).toThrow(`newer Tallychat (schema ${known + 1}, this version knows ${known})`);
  });

  it('enforces foreign keys: a message needs its conversation', () => {
    const store = openStore({ file: join(tempDir(), 'fk.sqlite') });
    expect(() =>
      store.sqlite
        .prepare(`INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('m', 'nope', 'user', 'x', 'complete', 0)`)
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    store.close();
  });
});
