import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { BufferedFileWriter } from '../../src/main/core/reports/buffered-file-writer';
import { writeCsvInTwoParts, type SecondThread } from '../../src/main/core/reports/csv-in-two-parts';
import { readOnlyView, type ReportDb } from '../../src/main/core/reports/report-db';
import { writeReportFile } from '../../src/main/core/reports/report-export';
import { resolvePeriod, type ResolvedPeriod } from '../../src/main/core/reports/report-period';
import { reportRows } from '../../src/main/core/reports/report-rows';
import type { PeriodRequest } from '../../src/shared/contract/spending-contract';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows, type SeedRow } from './ledger-fixtures';
import { usePartWorkerBundle } from './part-worker-bundle';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const closedAfterEach = useStoresClosedAfterEach();

const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);
const DAY_MS = 86_400_000;
const AWKWARD = ['=SUM(A1)', '+1', '@x', 'a,b', 'q"uote', 'two\nlines', 'ünï ✓ 🌍', ''];
const providerName = (id: string) => (id === 'openai' ? 'OpenAI, "the" provider' : id);

const script = usePartWorkerBundle();

/** Awkward titles, statuses and prices, 3,000 rows in one millisecond (a split can fall inside them), running rows. */
function randomLedger(seed: number): { store: Store; db: ReportDb } {
  const random = seededRandom(seed);
  const store = openStore({ file: join(tempDir(), 'ledger.sqlite') });
  closedAfterEach(store);
  const conversations = Array.from({ length: 30 }, (_, i) => `c${i}`);
  conversations.slice(0, 25).forEach((id) => insertConversation(store.sqlite, id, `${AWKWARD[Math.floor(random() * AWKWARD.length)]} ${id}`));
  const rows: SeedRow[] = [...randomRows(seed, 5000, NOW - 400 * DAY_MS, NOW + DAY_MS, conversations)];
  const tie = NOW - 3 * DAY_MS;
  for (let i = 0; i < 3000; i++) rows.push({ id: `tie-${String(i).padStart(4, '0')}`, startedAt: tie, providerId: 'openai', model: 'gpt-4o', status: 'completed', cost: i });
  rows.push({ id: 'running', startedAt: NOW - 1000, providerId: 'openai', model: 'gpt-4o', status: 'streaming', reserved: 5 });
  insertLedgerRows(store.sqlite, rows);
  return { store, db: readOnlyView(store.sqlite) };
}

function thread(store: Store, name: Parameters<typeof script>[0] = 'report-part-worker'): SecondThread {
  return { script: script(name), file: store.file, minRows: 1 };
}

/** What the one-thread export writes now. */
async function oneThread(db: ReportDb, period: ResolvedPeriod, bom = false): Promise<{ text: string; rows: number }> {
  const file = join(tempDir(), 'one-thread.csv');
  const rows = await writeReportFile(db, { period, groupBy: 'request', format: 'csv', bom }, providerName, file);
  return { text: readFileSync(file, 'utf8'), rows };
}

/** writeCsvInTwoParts into a file: its rows (undefined when it declined) and the file's text. */
async function twoParts(db: ReportDb, period: ResolvedPeriod, secondThread: SecondThread, bom = false): Promise<{ text: string; rows: number | undefined }> {
  const dir = tempDir();
  const file = join(dir, 'two-parts.csv');
  const fd = openSync(file, 'wx');
  try {
    const writer = new BufferedFileWriter(fd);
    const report = reportRows(db, period, 'request', providerName);
    const rows = await writeCsvInTwoParts(db, report, period, { bom, thread: secondThread, writer, sideFile: join(dir, 'side.part') });
    writer.flush();
    expect(readdirSync(dir)).toEqual(['two-parts.csv']);
    return { text: readFileSync(file, 'utf8'), rows };
  } finally {
    closeSync(fd);
  }
}

const lines = (text: string, prefix: string) => text.split('\r\n').filter((line) => line.startsWith(prefix));

describe('a per-request CSV written by two threads', () => {
  const cases: [number, string, PeriodRequest][] = [
    [1, 'Europe/Berlin', { kind: 'all' }],
    [2, 'America/St_Johns', { kind: 'custom', from: '2026-03-01', to: '2026-10-31' }],
    [3, 'Australia/Lord_Howe', { kind: 'all' }],
    [4, 'Asia/Kathmandu', { kind: 'last-month' }],
  ];
  it.each(cases)('is byte for byte the one-thread file: seed %i, %s, %j', async (seed, timeZone, request) => {
    const { db, store } = randomLedger(seed);
    const period = resolvePeriod(request, NOW, timeZone);
    const bom = seed % 2 === 0;
    const expected = await oneThread(db, period, bom);
    expect(expected.rows).toBeGreaterThan(100);
    const written = await twoParts(db, period, thread(store), bom);
    expect(written.rows).toBe(expected.rows);
    expect(written.text).toBe(expected.text);
  });

  it('splits inside 3,000 requests of one millisecond and keeps their order', async () => {
    const { db, store } = randomLedger(5);
    // The middle request of this period is one of the tied ones: both parts hold some.
    const tie = NOW - 3 * DAY_MS;
    const period = resolvePeriod({ kind: 'custom', from: '2026-11-10', to: '2026-11-20' }, NOW, 'UTC');
    const expected = await oneThread(db, period);
    const written = await twoParts(db, period, thread(store));
    expect(written.text).toBe(expected.text);
    const ties = written.text.split('\r\n').filter((line) => line.startsWith('tie-'));
    expect(ties).toHaveLength(3000);
    expect(ties.map((line) => line.slice(0, 8))).toEqual(Array.from({ length: 3000 }, (_, i) => `tie-${String(i).padStart(4, '0')}`));
    const count = (sql: string) => (store.sqlite.prepare(`SELECT COUNT(*) AS n FROM requests WHERE started_at >= ? AND started_at < ? ${sql}`).get(period.startMs, period.endMs) as { n: number }).n;
    const all = count('');
    const before = count(`AND started_at < ${tie}`);
    expect(before).toBeLessThan(all / 2);
    expect(before + 3000).toBeGreaterThan(all / 2);
  });

  it('is what writeReportFile writes when given the worker, and it leaves no other file', async () => {
    const { db, store } = randomLedger(6);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'Europe/Berlin');
    const expected = await oneThread(db, period);
    const dir = tempDir();
    const file = join(dir, 'report.csv');
    const rows = await writeReportFile(db, { period, groupBy: 'request', format: 'csv' }, providerName, file, { secondThread: thread(store) });
    expect(rows).toBe(expected.rows);
    expect(readFileSync(file, 'utf8')).toBe(expected.text);
    expect(readdirSync(dir)).toEqual(['report.csv']);
  });

  it('declines below its row threshold, writing nothing', async () => {
    const { db, store } = randomLedger(7);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'UTC');
    const written = await twoParts(db, period, { ...thread(store), minRows: 8002 });
    expect(written).toEqual({ rows: undefined, text: '' });
  });

  it('reads one snapshot: a write between the two snapshots is seen by both parts', async () => {
    const { db, store } = randomLedger(8);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'Europe/Berlin');
    const written = await twoParts(db, period, thread(store, 'writes-once'));
    // The first pair landed after the worker's snapshot and before this thread's: both were taken again.
    expect(lines(written.text, 'written-early-')).toHaveLength(1);
    expect(lines(written.text, 'written-late-')).toHaveLength(1);
    const expected = await oneThread(db, period);
    expect(written.rows).toBe(expected.rows);
    expect(written.text).toBe(expected.text);
  });

  it('declines when every attempt at one snapshot is written between, and writeReportFile writes in one part', async () => {
    const { db, store } = randomLedger(9);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'Europe/Berlin');
    expect(await twoParts(db, period, thread(store, 'writes-every-time'))).toEqual({ rows: undefined, text: '' });
    const file = join(tempDir(), 'report.csv');
    const rows = await writeReportFile(db, { period, groupBy: 'request', format: 'csv' }, providerName, file, { secondThread: thread(store, 'writes-every-time') });
    const expected = await oneThread(db, period);
    expect(rows).toBe(expected.rows);
    expect(readFileSync(file, 'utf8')).toBe(expected.text);
    // Five attempts on each of the two exports, each with its pair.
    expect(lines(expected.text, 'written-early-')).toHaveLength(10);
    expect(lines(expected.text, 'written-late-')).toHaveLength(10);
  });

  it('stops when its signal is aborted mid-way, with the signal\'s reason, and leaves no file', async () => {
    const { db, store } = randomLedger(11);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'UTC');
    const dir = tempDir();
    const interrupt = new AbortController();
    const reason = new Error('Ctrl-C');
    const exporting = writeReportFile(db, { period, groupBy: 'request', format: 'csv' }, providerName, join(dir, 'report.csv'), {
      secondThread: thread(store),
      signal: interrupt.signal,
    });
    // The worker takes tens of milliseconds to start: the abort comes while the export waits for it.
    setImmediate(() => interrupt.abort(reason));
    await expect(exporting).rejects.toBe(reason);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing when its signal was aborted before it started, on one thread too', async () => {
    const { db } = randomLedger(12);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'UTC');
    const dir = tempDir();
    const reason = new Error('Ctrl-C');
    await expect(writeReportFile(db, { period, groupBy: 'request', format: 'csv' }, providerName, join(dir, 'report.csv'), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails with the worker\'s reason and leaves neither the file nor a temporary one', async () => {
    const { db } = randomLedger(10);
    const period = resolvePeriod({ kind: 'all' }, NOW, 'UTC');
    const dir = tempDir();
    const missing = join(dir, 'no-such-ledger.sqlite');
    await expect(
      writeReportFile(db, { period, groupBy: 'request', format: 'csv' }, providerName, join(dir, 'report.csv'), {
        secondThread: { script: script('report-part-worker'), file: missing, minRows: 1 },
      }),
    ).rejects.toThrow(`The export's second thread failed: unable to open database file`);
    expect(readdirSync(dir)).toEqual([]);
  });
});
