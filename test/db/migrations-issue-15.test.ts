import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMigrationsFolder, openStore, type Store } from '../../src/main/core/db/open-database';
import { ConversationStore } from '../../src/main/core/conversations/conversation-store';
import { messageViews } from '../../src/main/core/conversations/conversation-views';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { PriceOverrideStore } from '../../src/main/core/price-overrides/price-override-store';
import { providerFigures } from '../../src/main/core/reports/provider-drift';
import { readOnlyView, type ReportDb } from '../../src/main/core/reports/report-db';
import { resolvePeriod } from '../../src/main/core/reports/report-period';
import { pricePerMTok } from '../../src/shared/money';
import { migrationsUpTo } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows, type SeedRow } from '../reports/ledger-fixtures';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const closedAfterEach = useStoresClosedAfterEach();

const journal = JSON.parse(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const indexOf = (suffix: string) => journal.entries.findIndex((entry) => entry.tag.endsWith(suffix));
const NOW = Date.UTC(2026, 11, 2, 12);
const DAY_MS = 86_400_000;

/** A database at the version just before migration `index`, and the same file fully migrated afterwards. */
function before(index: number): { old: Store; upgrade: () => Store } {
  expect(index).toBeGreaterThan(0);
  const file = join(tempDir(), 'ledger.sqlite');
  const old = openStore({ file, migrationsFolder: migrationsUpTo(index, join(tempDir(), 'drizzle')) });
  return {
    old,
    upgrade: () => {
      old.close();
      const store = openStore({ file });
      closedAfterEach(store);
      expect(store.schemaVersion).toBe(journal.entries.length);
      return store;
    },
  };
}

describe('issue 15 migrations, each from the version before it', () => {
  it('per-call fees and 1-hour cache writes: old rows and prices keep every figure, the new columns are NULL (no fee, no 1-hour part)', () => {
    const { old, upgrade } = before(indexOf('_per_call_fees_and_1h_cache_writes'));
    insertLedgerRows(old.sqlite, [
      { id: 'r1', startedAt: NOW, providerId: 'anthropic', model: 'claude-sonnet-4-5', status: 'completed', inputTokens: 5200, cacheWriteTokens: 4300, outputTokens: 40, cost: 17_100_000, priceInput: 3_000_000_000, priceOutput: 15_000_000_000 },
    ]);
    old.sqlite
      .prepare(
        `INSERT INTO price_overrides (id, provider_id, model, input_usd_nanos_per_mtok, output_usd_nanos_per_mtok, effective_from, created_at)
         VALUES ('o1', 'perplexity', 'sonar', 2000000000, 2000000000, 0, 0)`,
      )
      .run();
    const store = upgrade();
    expect(new RequestLedger(store.sqlite, () => 'UTC').get('r1')).toMatchObject({
      costUsdNanos: 17_100_000,
      cacheWriteTokens: 4300,
      cacheWrite5mTokens: null,
      cacheWrite1hTokens: null,
      priceCacheWrite1hUsdNanosPerMTok: null,
      requestCalls: null,
      priceRequestUsdNanosPerCall: null,
      requestFeeUsdNanos: null,
      webSearchCalls: null,
      priceWebSearchUsdNanosPerCall: null,
      webSearchFeeUsdNanos: null,
      callFeePriceSource: null,
    });
    expect(new PriceOverrideStore(store.sqlite).inForce('perplexity', 'sonar', NOW)).toEqual({
      id: 'o1',
      providerId: 'perplexity',
      model: 'sonar',
      input: pricePerMTok(2_000_000_000),
      output: pricePerMTok(2_000_000_000),
      cacheRead: null,
      cacheWrite: null,
      cacheWrite1h: null,
      request: null,
      webSearch: null,
      effectiveFrom: 0,
      createdAt: 0,
    });
  });

  it('answer sources: an old answer shows no sources, and a new one keeps its own', () => {
    const { old, upgrade } = before(indexOf('_answer_sources'));
    insertConversation(old.sqlite, 'c1', 'Ledgers');
    old.sqlite.prepare("INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('m1', 'c1', 'assistant', 'Old.', 'complete', 1)").run();
    const store = upgrade();
    store.sqlite
      .prepare(
        `INSERT INTO messages (id, conversation_id, role, content, sources_json, status, created_at)
         VALUES ('m2', 'c1', 'assistant', 'New [1].', '[{"url":"https://example.org/a","title":"A"}]', 'complete', 2)`,
      )
      .run();
    const views = messageViews(new ConversationStore(store.sqlite).thread('c1'), () => 'Perplexity', new Map());
    expect(views.map((m) => [m.content, m.sources])).toEqual([
      ['Old.', []],
      ['New [1].', [{ url: 'https://example.org/a', title: 'A' }]],
    ]);
  });

  it("the provider's-figure index: drift sums only the rows with the provider's figure, from the index, for all time too, with the same figures", () => {
    const { old, upgrade } = before(indexOf('_provider_cost_index'));
    const rows: SeedRow[] = [...randomRows(15, 3000, NOW - 400 * DAY_MS, NOW)].map((row, i) =>
      i % 10 === 0 && row.status !== 'refused' ? { ...row, providerCost: (row.cost ?? 0) + (i % 7) * 1000 } : row,
    );
    insertLedgerRows(old.sqlite, rows);
    const periods = [resolvePeriod({ kind: 'all' }, NOW, 'UTC'), resolvePeriod({ kind: 'this-month' }, NOW, 'UTC')];
    const figuresBefore = periods.map((period) => providerFigures(readOnlyView(old.sqlite), period));
    expect(figuresBefore[0]!.drift.comparedRequests).toBeGreaterThan(100);
    const store = upgrade();

    for (const [i, period] of periods.entries()) {
      const seen: string[] = [];
      const view = readOnlyView(store.sqlite);
      const recording = { ...view, prepare: (sql: string) => (seen.push(sql), view.prepare(sql)) } as ReportDb;
      expect(providerFigures(recording, period), period.label).toEqual(figuresBefore[i]);
      const params = { startMs: period.startMs, endMs: period.endMs };
      const plan = (sql: string) =>
        (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      const sums = seen.find((sql) => sql.includes('COUNT(*) AS compared'))!;
      const top = seen.find((sql) => sql.includes('ORDER BY abs('))!;
      const index = period.startMs === null ? 'SCAN r USING COVERING INDEX requests_provider_cost' : 'SEARCH r USING COVERING INDEX requests_provider_cost (started_at>? AND started_at<?)';
      expect(plan(sums), period.label).toBe(index);
      expect(plan(top), period.label).toBe(`${index.replace('COVERING INDEX', 'INDEX')} | USE TEMP B-TREE FOR ORDER BY`);
    }
  });
});
