import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { readOnlyView } from '../../src/main/core/reports/report-db';
import { writeReport, writeReportFile } from '../../src/main/core/reports/report-export';
import { resolvePeriod } from '../../src/main/core/reports/report-period';
import type { PeriodRequest } from '../../src/shared/contract/spending-contract';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows, type SeedRow } from './ledger-fixtures';
import { csvCell } from '../../src/main/core/reports/csv-format';
import { REQUEST_FIELDS, type CellKind } from '../../src/main/core/reports/report-fields';
import { formatUsd, nanodollars } from '../../src/shared/money';
import { usePartWorkerBundle } from './part-worker-bundle';
import { COLUMNS_BEFORE_ISSUE_15, referenceRequestCsv } from './reference/csv-writer-before-issue-17';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const partWorker = usePartWorkerBundle();
const closedAfterEach = useStoresClosedAfterEach();

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
  closedAfterEach(store);
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
  // Issue 15's columns, on some rows: a Perplexity-style request fee, web searches, 1-hour cache writes.
  store.sqlite
    .prepare(
      `UPDATE requests SET request_calls = 1, price_request_usd_nanos_per_call = 5000000, request_fee_usd_nanos = 5000000,
         call_fee_price_source = 'genai-prices@0.1.8+perplexity-request-fees@2025-08' WHERE rowid % 11 = 0`,
    )
    .run();
  store.sqlite
    .prepare(
      `UPDATE requests SET web_search_calls = 3, price_web_search_usd_nanos_per_call = 10000000, web_search_fee_usd_nanos = 30000000,
         call_fee_price_source = '=formula' WHERE rowid % 13 = 0`,
    )
    .run();
  store.sqlite
    .prepare('UPDATE requests SET cache_write_5m_tokens = 300, cache_write_1h_tokens = 4000, price_cache_write_1h_usd_nanos_per_mtok = 6000000000 WHERE rowid % 17 = 0')
    .run();
  new RequestLedger(store.sqlite, () => 'Europe/Berlin').rebuildRollup();
  return { store, db: readOnlyView(store.sqlite) };
}

const NAMES: Record<string, string> = { openai: 'OpenAI', anthropic: 'Anthropic, Inc.', openrouter: '"Open" Router', '=evil': '=evil' };
const providerName = (id: string) => NAMES[id] ?? id;

const APPENDED = REQUEST_FIELDS.slice(COLUMNS_BEFORE_ISSUE_15.length);

/**
 * Each record is the old writer's, byte for byte, then issue 15's columns: a comma and their cells
 * (read back from the row, formatted by the cell rules), so a spreadsheet reading the old columns
 * by position reads the same figures.
 */
function expectOldColumnsUnchanged(text: string, reference: string, store: Store): void {
  const lines = text.split('\r\n');
  const old = reference.split('\r\n');
  expect(lines.length).toBe(old.length);
  expect(lines[0]).toBe(`${old[0]},${APPENDED.map((f) => f.name).join(',')}`);
  const read = store.sqlite.prepare(`SELECT ${APPENDED.map((f) => f.sql).join(', ')} FROM requests r WHERE r.id = ?`).raw(true);
  let withFees = 0;
  for (let i = 1; i < old.length - 1; i++) {
    const line = lines[i]!;
    expect(line.startsWith(`${old[i]},`), `record ${i}`).toBe(true);
    const id = old[i]!.slice(0, old[i]!.indexOf(','));
    const cells = read.get(id) as (string | number | null)[];
    if (cells.some((cell) => cell !== null)) withFees++;
    expect(line.slice(old[i]!.length + 1), `record ${i} (${id})`).toBe(cells.map((cell, c) => appendedCell(cell, APPENDED[c]!.kind)).join(','));
  }
  expect(withFees).toBeGreaterThan(old.length > 200 ? 10 : 0);
  expect(lines.at(-1)).toBe('');
}

/** Dollars with 9 places from the integer nano-dollars; every other cell by the writer's own rule. */
function appendedCell(cell: string | number | null, kind: CellKind): string {
  return kind === 'decimal' && typeof cell === 'number' ? formatUsd(nanodollars(cell)) : csvCell(cell, kind);
}

describe('the per-request CSV is byte for byte what the writer before issue 17 wrote, issue 15 columns appended', () => {
  const cases: [number, string, PeriodRequest][] = [
    [1, 'Europe/Berlin', { kind: 'all' }],
    [2, 'America/St_Johns', { kind: 'all' }],
    [3, 'Asia/Kathmandu', { kind: 'this-month' }],
    [4, 'Australia/Lord_Howe', { kind: 'custom', from: '2026-03-01', to: '2026-10-31' }],
    [5, 'UTC', { kind: '24h' }],
    [6, 'America/New_York', { kind: 'last-month' }],
  ];
  it.each(cases)('seed %i, %s, %j', async (seed, timeZone, request) => {
    const { db, store } = randomLedger(seed);
    const period = resolvePeriod(request, NOW, timeZone);
    const chunks: string[] = [];
    const rows = await writeReport(db, { period, groupBy: 'request', format: 'csv', bom: seed % 2 === 0 }, providerName, { write: (c) => void chunks.push(c) });
    const expected = referenceRequestCsv(db, period, providerName, seed % 2 === 0);
    expect(expected.rows).toBeGreaterThan(request.kind === '24h' ? 5 : 100);
    expectOldColumnsUnchanged(chunks.join(''), expected.text, store);
    expect(rows).toBe(expected.rows);
  });

  it('and so is the file the CLI and the window save', async () => {
    const { db, store } = randomLedger(7);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'Europe/Berlin');
    const file = join(tempDir(), 'out.csv');
    await writeReportFile(db, { period, groupBy: 'request', format: 'csv' }, providerName, file);
    expectOldColumnsUnchanged(readFileSync(file, 'utf8'), referenceRequestCsv(db, period, providerName).text, store);
  });

  it('and so is the file the CLI writes on two threads', async () => {
    const { db, store } = randomLedger(8);
    const period = resolvePeriod({ kind: 'custom', from: '2025-12-01', to: '2026-11-30' }, NOW, 'America/St_Johns');
    const file = join(tempDir(), 'out.csv');
    const secondThread = { script: partWorker('report-part-worker'), file: store.file, minRows: 1 };
    const rows = await writeReportFile(db, { period, groupBy: 'request', format: 'csv', bom: true }, providerName, file, { secondThread });
    const expected = referenceRequestCsv(db, period, providerName, true);
    expect(rows).toBe(expected.rows);
    expectOldColumnsUnchanged(readFileSync(file, 'utf8'), expected.text, store);
  });
});
