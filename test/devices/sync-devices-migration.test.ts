import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, openStore } from '../../src/main/core/db/open-database';
import { DeviceLedger } from '../../src/main/core/devices/device-ledger';
import { migrationsUpTo } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const migrations = findMigrationsFolder();
const journal = JSON.parse(readFileSync(join(migrations, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const SYNC_MIGRATION = journal.entries.findIndex((entry) => entry.tag.endsWith('_sync_devices'));

describe('the sync_devices migration', () => {
  it('keeps every ledger row as this device’s own, not yet exported, so history from before sync is shared too', () => {
    expect(SYNC_MIGRATION).toBeGreaterThan(0);
    const file = join(tempDir(), 'before.sqlite');
    const old = openStore({ file, migrationsFolder: migrationsUpTo(SYNC_MIGRATION, join(tempDir(), 'drizzle')) });
    const at = Date.UTC(2026, 10, 20);
    old.sqlite.prepare('INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run('c1', 'Lisbon', at, at);
    const insert = old.sqlite.prepare(
      `INSERT INTO requests (id, conversation_id, provider_id, provider_kind, model, status, streamed, input_tokens, output_tokens,
         usage_source, cost_usd_nanos, started_at, finished_at, owner_pid)
       VALUES (?, 'c1', 'openai', 'openai', 'gpt-4o', ?, 1, 1200, 300, 'provider', ?, ?, ?, 1)`,
    );
    insert.run('r1', 'completed', 6_000_000, at, at + 900);
    insert.run('r2', 'streaming', null, at + 1000, null);
    old.close();

    const upgraded = openStore({ file });
    expect(upgraded.schemaVersion).toBe(journal.entries.length);
    expect(upgraded.sqlite.prepare('SELECT id, status, origin_device_id, exported_at FROM requests ORDER BY id').all()).toEqual([
      { id: 'r1', status: 'completed', origin_device_id: null, exported_at: null },
      { id: 'r2', status: 'streaming', origin_device_id: null, exported_at: null },
    ]);
    expect(upgraded.sqlite.prepare('SELECT count(*) AS n FROM sync_devices').get()).toEqual({ n: 0 });
    // Only the final row travels; the open one waits for recovery or its finalize.
    expect(new DeviceLedger(upgraded.sqlite, () => 'UTC').unexportedRows().map((row) => [row.requestId, row.costUsdNanos])).toEqual([['r1', 6_000_000]]);
    upgraded.close();
  });
});
