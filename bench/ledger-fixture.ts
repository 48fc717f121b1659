/**
 * The benches' 1,000,000-request ledger (two years, 20,000 conversations, the shape of
 * test/reports/ledger-fixtures.ts), built once and cached under /tmp, at the schema this issue
 * started from (the first BASE_MIGRATIONS migrations), so each bench can time the later
 * migrations on it. Building takes a minute or two; every later run only copies the file.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { findMigrationsFolder, openStore } from '../src/main/core/db/open-database';
import { RequestLedger } from '../src/main/core/ledger/request-ledger';
import { monthRangeOf } from '../src/main/core/time/zoned-calendar';
import { migrationsUpTo } from '../test/helpers/migrations-up-to';
import { seededRandom } from '../test/helpers/seeded-random';
import { insertConversation, insertLedgerRows, randomRows } from '../test/reports/ledger-fixtures';
import { fakeText } from '../test/tokens/fake-conversation';

export const FIXTURE_ROWS = 1_000_000;
export const FIXTURE_CONVERSATIONS = 20_000;
/** Messages with text, for the search: ten per conversation (a real ledger has about two per request). */
export const FIXTURE_MESSAGES_PER_CONVERSATION = 10;
export const FIXTURE_TIME_ZONE = 'Europe/Berlin';
/** A word that appears in exactly three messages and one title. */
export const RARE_WORD = 'quixotically';
/** Migrations 0000..0004: the schema before issue 17. */
export const BASE_MIGRATIONS = 5;
export { migrationsUpTo };
const DAY_MS = 86_400_000;
const CACHE_DIR = join(tmpdir(), 'tallychat-bench-cache');
/** The ledger's last row is at this instant, so every cached copy looks the same. */
export const FIXTURE_NOW = Date.UTC(2026, 11, 2, 6, 0, 0);

function build(file: string): void {
  const migrationsFolder = migrationsUpTo(BASE_MIGRATIONS);
  const store = openStore({ file, migrationsFolder });
  rmSync(migrationsFolder, { recursive: true, force: true });
  const { sqlite } = store;
  sqlite.prepare("INSERT INTO settings (key, value_json) VALUES ('timeZone', ?)").run(JSON.stringify(FIXTURE_TIME_ZONE));
  const conversations = Array.from({ length: FIXTURE_CONVERSATIONS }, (_, i) => `conv-${i}`);
  sqlite.transaction(() =>
    conversations.forEach((id, i) => insertConversation(sqlite, id, i === 777 ? `A ${RARE_WORD} plan` : `Conversation ${i}, "quoted"`)),
  )();
  insertLedgerRows(sqlite, randomRows(1, FIXTURE_ROWS, FIXTURE_NOW - 730 * DAY_MS, FIXTURE_NOW, conversations, true));
  const random = seededRandom(17);
  const add = sqlite.prepare(
    `INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, ?, ?, ?, 'complete', ?)`,
  );
  sqlite.transaction(() => {
    let n = 0;
    for (const id of conversations) {
      for (let i = 0; i < FIXTURE_MESSAGES_PER_CONVERSATION; i++, n++) {
        const planted = n === 1_234 || n === 98_765 || n === 150_001;
        const text = fakeText(random, 400 + Math.floor(random() * 800));
        add.run(`m-${n}`, id, i % 2 === 0 ? 'user' : 'assistant', planted ? `${text} ${RARE_WORD}` : text, n);
      }
    }
  })();
  fillVersion5Rollups(sqlite);
  store.close();
}

/**
 * Both rollups as version 5 kept them (its own rebuild cannot run here: today's writes tables
 * version 5 did not have). Days are cut at UTC+1, close enough for timing: the first start after
 * the upgrade rebuilds the rollups anyway, since their zone was not recorded.
 */
function fillVersion5Rollups(sqlite: Database.Database): void {
  const sums = `COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(cached_input_tokens), 0), COALESCE(SUM(cache_write_tokens), 0),
    COALESCE(SUM(output_tokens), 0), COALESCE(SUM(reasoning_tokens), 0), COALESCE(SUM(cost_usd_nanos), 0),
    SUM(CASE WHEN cost_usd_nanos IS NULL AND status != 'refused' THEN 1 ELSE 0 END), SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END)`;
  const columns = 'requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, cost_usd_nanos, unpriced_requests, estimated_requests';
  sqlite.exec(`
    INSERT INTO usage_conversation_rollup (conversation_id, model, status, ${columns})
    SELECT COALESCE(conversation_id, ''), model, status, ${sums} FROM requests WHERE status NOT IN ('pending', 'streaming')
    GROUP BY COALESCE(conversation_id, ''), model, status;
    INSERT INTO usage_daily_rollup (day, provider_id, model, status, ${columns})
    SELECT date((started_at + 3600000) / 1000, 'unixepoch'), provider_id, model, status, ${sums} FROM requests
    WHERE status NOT IN ('pending', 'streaming') GROUP BY 1, 2, 3, 4;`);
}

/**
 * A fresh copy of the cached base ledger (schema BASE_MIGRATIONS, with its rollups), in a temp
 * data folder the caller removes.
 */
export function copyOfBaseLedger(): { dataDir: string; file: string } {
  return cachedCopy(`ledger-1m-v${BASE_MIGRATIONS}-with-rollups.sqlite`, build);
}

function cachedCopy(name: string, build: (file: string) => void): { dataDir: string; file: string } {
  const cached = join(CACHE_DIR, name);
  if (!existsSync(cached)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const started = performance.now();
    const partial = `${cached}.building-${process.pid}`;
    build(partial);
    renameSync(partial, cached);
    console.log(`built the cached ledger in ${((performance.now() - started) / 1000).toFixed(0)} s: ${cached}`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tallychat-bench-'));
  const file = join(dataDir, 'tallychat.sqlite');
  copyFileSync(cached, file);
  return { dataDir, file };
}

/**
 * A fresh copy of a second cached ledger: 1,000,000 rows all in November 2026 (Europe/Berlin),
 * at the current schema with its rollups built: the caps' worst case.
 */
export function copyOfOneMonthLedger(): { dataDir: string; file: string } {
  // Named by the migrations it was built with, so a changed migration builds a new one.
  const journal = createHash('sha256').update(readFileSync(join(findMigrationsFolder(), 'meta', '_journal.json'))).digest('hex').slice(0, 12);
  return cachedCopy(`ledger-1m-one-month-${journal}.sqlite`, (file) => {
    const store = openStore({ file });
    store.sqlite.prepare("INSERT INTO settings (key, value_json) VALUES ('timeZone', ?)").run(JSON.stringify(FIXTURE_TIME_ZONE));
    const month = monthRangeOf(2026, 11, FIXTURE_TIME_ZONE);
    insertLedgerRows(store.sqlite, randomRows(2, FIXTURE_ROWS, month.startMs, month.endMs, [], true));
    new RequestLedger(store.sqlite, () => FIXTURE_TIME_ZONE).rebuildRollup();
    store.close();
  });
}
