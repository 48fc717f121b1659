import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/app/create-core';
import type { Store } from '../../src/main/core/db/open-database';
import { rollupTimeZone } from '../../src/main/core/ledger/usage-rollup';
import { ROLLUP_SUMS_SQL } from '../../src/main/core/reports/usage-sums';
import { seededRandom } from '../helpers/seeded-random';
import { useStoresAtVersion } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows } from '../reports/ledger-fixtures';
import { fakeConversation } from '../tokens/fake-conversation';

const tempDir = useTempDir();
const openAt = useStoresAtVersion();

const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);
const DAY_MS = 86_400_000;

/** Opens (and migrates) `file` with only the first `count` migrations. */

/**
 * A ledger as version 5 (migrations 0000-0004) left it: conversations with messages, requests
 * with errors, and both rollups as that version's rebuild filled them.
 */
function ledgerAtVersion5(file: string): Store {
  const store = openAt(file, 5);
  const { sqlite } = store;
  sqlite.prepare("INSERT INTO settings (key, value_json) VALUES ('timeZone', '\"Europe/Berlin\"')").run();
  const conversations = Array.from({ length: 12 }, (_, i) => `c${i}`);
  conversations.forEach((id, i) => insertConversation(sqlite, id, i === 3 ? 'Budget for the Lisbon trip' : `Chat ${i}`));
  insertLedgerRows(sqlite, randomRows(5, 800, NOW - 90 * DAY_MS, NOW, conversations));
  const random = seededRandom(5);
  const add = sqlite.prepare("INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, ?, ?, ?, 'complete', ?)");
  conversations.forEach((id, c) =>
    fakeConversation(random, 6, 400).forEach((m, i) => add.run(`${id}-m${i}`, id, m.role, c === 7 && i === 2 ? `${m.content} serendipity` : m.content, i)),
  );
  const sums = `COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(cache_write_tokens), 0),
    COALESCE(SUM(output_tokens), 0), COALESCE(SUM(reasoning_tokens), 0), COALESCE(SUM(cost_usd_nanos), 0),
    SUM(CASE WHEN cost_usd_nanos IS NULL AND status != 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END)`;
  const columns = 'requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd_nanos, unpriced_requests, estimated_requests';
  sqlite.exec(`
    INSERT INTO usage_conversation_rollup (conversation_id, model, status, ${columns})
    SELECT COALESCE(conversation_id, ''), model, status, ${sums} FROM requests WHERE status NOT IN ('pending', 'streaming')
    GROUP BY COALESCE(conversation_id, ''), model, status;
    INSERT INTO usage_daily_rollup (day, provider_id, model, status, ${columns})
    SELECT date(started_at / 1000, 'unixepoch'), provider_id, model, status, ${sums} FROM requests
    WHERE status NOT IN ('pending', 'streaming') GROUP BY 1, 2, 3, 4;`);
  return store;
}

const perConversation = (store: Store) =>
  store.sqlite
    .prepare(
      `SELECT COALESCE(conversation_id, '') AS id, COUNT(*) AS requests, COALESCE(SUM(cost_usd_nanos), 0) AS cost,
         COALESCE(SUM(input_tokens), 0) AS input, SUM(status = 'refused') AS refused
       FROM requests WHERE status NOT IN ('pending', 'streaming') GROUP BY 1 ORDER BY 1`,
    )
    .all();

describe('migrations of issue 17 (0006-0009), each from the version before it, on a ledger with rows', () => {
  it('0006: per-conversation totals are backfilled from the conversation rollup, and the zone 0005 rebuilt the rollups in is recorded', () => {
    const dir = tempDir();
    const file = join(dir, 'tallychat.sqlite');
    ledgerAtVersion5(file).close();
    const store = openAt(file, 7);
    expect(store.schemaVersion).toBe(7);
    expect(
      store.sqlite
        .prepare("SELECT conversation_id AS id, requests, cost_usd_nanos AS cost, input_tokens AS input, refused_requests AS refused FROM usage_conversation_totals ORDER BY 1")
        .all(),
    ).toEqual(perConversation(store));
    // 0005 rebuilt the daily rollup in the setting's zone; 0006 records that zone, so no start-up rebuild is needed.
    expect(rollupTimeZone(store.sqlite)).toBe('Europe/Berlin');
    expect(store.sqlite.prepare("SELECT COUNT(*) FROM usage_daily_rollup WHERE day = '2026-11-20'").pluck().get()).toBeGreaterThan(0);
  });

  it('0007: token counts start empty, and the first pre-flight of an old conversation stores its messages’ counts', async () => {
    const dir = tempDir();
    const file = join(dir, 'tallychat.sqlite');
    ledgerAtVersion5(file).close();
    openAt(file, 7).close();
    const store = openAt(file, 8);
    expect(store.sqlite.prepare('SELECT COUNT(*) FROM token_counts').pluck().get()).toBe(0);
    store.close();
    const core = createCore({ dataDir: dir, appVersion: 'test', host: 'cli' });
    core.providers.save({
      id: 'p', kind: 'openai', name: 'P', baseUrl: 'http://127.0.0.1:9/v1', keyRef: null, keyLast4: null,
      enabledModels: ['gpt-4o'], modelSettings: {}, createdAt: 0, updatedAt: 0,
    });
    const first = await core.chat.estimate({ providerId: 'p', model: 'gpt-4o', conversationId: 'c3', text: 'And the hotel?' });
    const long = (core.store.sqlite.prepare("SELECT content FROM messages WHERE conversation_id = 'c3'").pluck().all() as string[]).filter((t) => t.length >= 256);
    expect(long.length).toBeGreaterThan(0);
    expect(core.store.sqlite.prepare('SELECT COUNT(*) FROM token_counts').pluck().get()).toBe(new Set(long).size);
    await core.close();
    const restarted = createCore({ dataDir: dir, appVersion: 'test', host: 'cli' });
    const again = await restarted.chat.estimate({ providerId: 'p', model: 'gpt-4o', conversationId: 'c3', text: 'And the hotel?' });
    expect(again.estimate).toEqual(first.estimate);
    await restarted.close();
  });

  it('0008: the search indexes are backfilled and kept in step by triggers', () => {
    const file = join(tempDir(), 'tallychat.sqlite');
    ledgerAtVersion5(file).close();
    openAt(file, 8).close();
    const store = openAt(file, 9);
    const { sqlite } = store;
    const titles = (q: string) => sqlite.prepare('SELECT c.id FROM conversations c WHERE c.rowid IN (SELECT rowid FROM conversations_search WHERE conversations_search MATCH ?) ORDER BY 1').pluck().all(q);
    const messages = (q: string) => sqlite.prepare('SELECT m.id FROM messages m WHERE m.rowid IN (SELECT rowid FROM messages_search WHERE messages_search MATCH ?) ORDER BY 1').pluck().all(q);
    const errors = (q: string) => sqlite.prepare('SELECT COUNT(*) FROM requests r WHERE r.rowid IN (SELECT rowid FROM requests_error_search WHERE requests_error_search MATCH ?)').pluck().get(q);
    const integrity = () => {
      for (const table of ['conversations_search', 'messages_search', 'requests_error_search']) sqlite.prepare(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`).run();
    };
    // Backfill: what was there before the migration is found.
    expect(titles('"lisbon"')).toEqual(['c3']);
    expect(messages('"serendipity"')).toEqual(['c7-m2']);
    expect(errors('"calc"')).toBe(sqlite.prepare("SELECT COUNT(*) FROM requests WHERE error LIKE '%calc%'").pluck().get());
    expect(errors('"calc"')).toBeGreaterThan(0);
    integrity();
    // Triggers: inserts, updates and deletes of every indexed table.
    sqlite.prepare("UPDATE conversations SET title = 'Porto instead' WHERE id = 'c3'").run();
    insertConversation(sqlite, 'c-new', 'Lisbon again');
    sqlite.prepare("DELETE FROM messages WHERE id = 'c7-m2'").run();
    sqlite.prepare("INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('x', 'c1', 'user', 'pure serendipity', 'complete', 9)").run();
    insertLedgerRows(sqlite, [{ id: 'boom', startedAt: NOW, providerId: 'openai', model: 'gpt-4o', status: 'failed', error: 'socket hang up' }]);
    sqlite.prepare("UPDATE requests SET error = NULL WHERE error LIKE '%calc%'").run();
    sqlite.prepare("DELETE FROM requests WHERE id = 'boom'").run();
    sqlite.prepare("UPDATE requests SET error = 'gateway timeout' WHERE rowid IN (SELECT rowid FROM requests WHERE error IS NULL LIMIT 3)").run();
    expect(titles('"lisbon"')).toEqual(['c-new']);
    expect(titles('"porto"')).toEqual(['c3']);
    expect(messages('"serendipity"')).toEqual(['x']);
    expect(errors('"calc"')).toBe(0);
    expect(errors('"hang up"')).toBe(0);
    expect(errors('"gateway"')).toBe(3);
    integrity();
  });

  it('0009: the all-time per-model breakdown reads the rollup’s covering model index, with the same sums as the ledger', () => {
    const file = join(tempDir(), 'tallychat.sqlite');
    ledgerAtVersion5(file).close();
    openAt(file, 9).close();
    const store = openAt(file, 10);
    const sql = `SELECT model AS key, ${ROLLUP_SUMS_SQL} FROM usage_daily_rollup GROUP BY key ORDER BY key`;
    const plan = (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan).toBe('SCAN usage_daily_rollup USING COVERING INDEX usage_daily_rollup_model_sums');
    const byModel = (store.sqlite.prepare(sql).all() as { key: string; cost: number; requests: number }[]).map((r) => [r.key, r.requests, r.cost]);
    const ledger = store.sqlite
      .prepare("SELECT model, COUNT(*), COALESCE(SUM(cost_usd_nanos), 0) FROM requests WHERE status NOT IN ('pending', 'streaming') GROUP BY model ORDER BY model")
      .raw()
      .all();
    expect(byModel).toEqual(ledger);
  });
});
