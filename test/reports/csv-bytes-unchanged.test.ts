import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { readOnlyView } from '../../src/main/core/reports/report-db';
import { writeReport, writeReportFile } from '../../src/main/core/reports/report-export';
import { resolvePeriod } from '../../src/main/core/reports/report-period';
import type { PeriodRequest } from '../../src/shared/contract/spending-contract';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows, type SeedRow } from './ledger-fixtures';
import { referenceRequestCsv } from './reference/csv-writer-before-issue-17';

const tempDir = useTempDir();
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);
const DAY_MS = 86_400_000;
/** Texts a spreadsheet or a CSV parser would trip on, for titles, models, errors and names. */
const AWKWARD = ['=SUM(A1)', '+1', '-', '@x', '\tTab', 'a,b', 'q"uote', 'two\nlines', 'cr\rhere', 'ünï ✓ 🌍', "it's", '', 'plain'];

/**
 * A random ledger for one seed: awkward titles, models, providers, statuses and errors, deleted
 * conversations, 5,000 rows in one millisecond (more than an export block), running rows.
 */
function randomLedger(seed: number) {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const store = openStore({ file: join(tempDir(), 'ledger.sqlite') });
  stores.push(store);
  const conversations = Array.from({ length: 40 }, (_, i) => `c${i}`);
  conversations.slice(0, 30).forEach((id) => insertConversation(store.sqlite, id, `${pick(AWKWARD)} ${id} ${pick(AWKWARD)}`));
  const rows: SeedRow[] = [...randomRows(seed, 6000, NOW - 400 * DAY_MS, NOW + DAY_MS, conversations)];
  for (const row of rows) {
    if (random() < 0.05) row.model = pick(AWKWARD) || 'm';
    if (random() < 0.03) row.providerId = pick(['ollama', 'my,provider', '=evil']);
    if (random() < 0.02) row.status = pick(['completed', 'cancelled']);
    if (random() < 0.05) row.error = pick(AWKWARD);
  }
  const tie = NOW - 3 * DAY_MS;
  for (let i = 0; i < 5000; i++) rows.push({ id: `tie-${String(i).padStart(4, '0')}`, startedAt: tie, providerId: 'openai', model: 'gpt-4o', status: 'completed', cost: i });
  rows.push({ id: 'running', startedAt: NOW - 1000, providerId: 'openai', model: 'gpt-4o', status: 'streaming', reserved: 5 });
  insertLedgerRows(store.sqlite, rows);
  store.sqlite.prepare("UPDATE requests SET status = 'odd,status' WHERE id = ?").run(rows[17]!.id);
  store.sqlite.prepare("UPDATE requests SET cancel_reason = 'user', finish_reason = 'stop' WHERE rowid % 3 = 0").run();
  store.sqlite.prepare("UPDATE requests SET price_source = '=formula' WHERE rowid % 101 = 0").run();
  store.sqlite.prepare('UPDATE requests SET provider_cost_usd_nanos = -cost_usd_nanos WHERE rowid % 7 = 0').run();
  new RequestLedger(store.sqlite, () => 'Europe/Berlin').rebuildRollup();
  return { store, db: readOnlyView(store.sqlite) };
}

const NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic, Inc.', openrouter: '"Open" Router', '=evil': '=evil' };
const providerName = (id: string) => NAMES[id] ?? id;

describe('the per-request CSV is byte for byte what the writer before issue 17 wrote', () => {
  const cases: [number, string, PeriodRequest][] = [
    [1, 'Europe/Berlin', { kind: 'all' }],
    [2, 'America/St_Johns', { kind: 'all' }],
    [3, 'Asia/Kathmandu', { kind: 'this-month' }],
    [4, 'Australia/Lord_Howe', { kind: 'custom', from: '2026-03-01', to: '2026-10-31' }],
    [5, 'UTC', { kind: '24h' }],
    [6, 'America/New_York', { kind: 'last-month' }],
  ];
  it.each(cases)('seed %i, %s, %j', async (seed, timeZone, request) => {
    const { db } = randomLedger(seed);
    const period = resolvePeriod(request, NOW, timeZone);
    const chunks: string[] = [];
    const rows = await writeReport(db, { period, groupBy: 'request', format: 'csv', bom: seed % 2 === 0 }, providerName, { write: (c) => void chunks.push(c) });
    const expected = referenceRequestCsv(db, period, providerName, seed % 2 === 0);
    expect(expected.rows).toBeGreaterThan(request.kind === '24h' ? 5 : 100);
    expect(chunks.join('')).toBe(expected.text);
    expect(rows).toBe(expected.rows);
  });

  it('and so is the file the CLI and the window save', async () => {
    const { db } = randomLedger(7);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'Europe/Berlin');
    const file = join(tempDir(), 'out.csv');
    await writeReportFile(db, { period, groupBy: 'request', format: 'csv' }, providerName, file);
    expect(readFileSync(file, 'utf8')).toBe(referenceRequestCsv(db, period, providerName).text);
  });
});
