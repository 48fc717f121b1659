import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, openStore } from '../../src/main/core/db/open-database';
import { migrationsUpTo } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const journal = JSON.parse(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const ANOMALY_MIGRATION = journal.entries.findIndex((entry) => entry.tag.endsWith('_spend_anomaly_alerts'));

describe('the spend_anomaly_alerts migration, from the version before it', () => {
  it('adds the table of days told about, empty, and keeps the ledger and the caps\' alerts as they were', () => {
    expect(ANOMALY_MIGRATION).toBeGreaterThan(0);
    const file = join(tempDir(), 'before.sqlite');
    const old = openStore({ file, migrationsFolder: migrationsUpTo(ANOMALY_MIGRATION, join(tempDir(), 'before')) });
    const at = Date.UTC(2026, 10, 20);
    old.sqlite
      .prepare(
        `INSERT INTO requests (id, provider_id, provider_kind, model, status, streamed, input_tokens, output_tokens, cost_usd_nanos, started_at, finished_at)
         VALUES ('r1', 'openai', 'openai', 'gpt-4o', 'completed', 1, 1200, 300, 6000000, ?, ?)`,
      )
      .run(at, at + 900);
    old.sqlite
      .prepare("INSERT INTO budgets (id, scope, scope_value, monthly_cap_usd_nanos, warn_at_percent, strict, created_at, updated_at) VALUES ('b1', 'overall', '', 5000000, 80, 0, ?, ?)")
      .run(at, at);
    old.sqlite.prepare("INSERT INTO budget_alerts (budget_id, month, kind, created_at) VALUES ('b1', '2026-11', 'reached', ?)").run(at);
    old.close();

    const upgraded = openStore({ file, migrationsFolder: migrationsUpTo(ANOMALY_MIGRATION + 1, join(tempDir(), 'after')) });
    expect(upgraded.schemaVersion).toBe(ANOMALY_MIGRATION + 1);
    expect(upgraded.sqlite.prepare('SELECT id, cost_usd_nanos FROM requests').all()).toEqual([{ id: 'r1', cost_usd_nanos: 6_000_000 }]);
    expect(upgraded.sqlite.prepare('SELECT budget_id, month, kind FROM budget_alerts').all()).toEqual([{ budget_id: 'b1', month: '2026-11', kind: 'reached' }]);
    expect(upgraded.sqlite.prepare('SELECT COUNT(*) AS n FROM spend_anomaly_alerts').get()).toEqual({ n: 0 });
    // A day is told about once: a second row for it is refused by the key.
    const tell = upgraded.sqlite.prepare("INSERT INTO spend_anomaly_alerts (day, spent_usd_nanos, median_usd_nanos, created_at) VALUES ('2026-11-20', 40, 10, ?)");
    tell.run(at);
    expect(() => tell.run(at)).toThrow(/UNIQUE constraint failed/);
    upgraded.close();
  });
});
