/**
 * Reports at 1,000,000 ledger rows over two years: the CSV export of every request to a file
 * (in a child process, so its peak memory is its own), and the Spending screen's queries.
 * Targets: export under 5 s and 200 MB peak RSS; each dashboard query under 20 ms. Medians of
 * several runs after a warm-up; a temp data folder, removed at the end.
 * Run: npx tsx bench/report-export.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/app/create-core';
import { databaseFile } from '../src/main/core/db/default-data-dir';
import { EnvironmentSecretStore } from '../src/main/core/secrets/secret-store';
import { openReadOnlyReportDb } from '../src/main/core/reports/report-db';
import { writeReportFile } from '../src/main/core/reports/report-export';
import { resolvePeriod, type ResolvedPeriod } from '../src/main/core/reports/report-period';
import type { ReportFormat } from '../src/main/core/reports/report-writers';
import { requestLogPage } from '../src/main/core/reports/request-log';
import { conversationBreakdown, spendingOverview } from '../src/main/core/reports/spending-overview';
import { usageReaderFor } from '../src/main/core/reports/usage-readers';
import { bucketsOf, spendSeries } from '../src/main/core/reports/spend-series';
import { monthRangeAt } from '../src/main/core/time/zoned-calendar';
import { nanodollars } from '../src/shared/money';
import type { PeriodRequest, StackBy } from '../src/shared/contract/spending-contract';
import { insertConversation, insertLedgerRows, randomRows } from '../test/reports/ledger-fixtures';

const ROWS = 1_000_000;
const CONVERSATIONS = 20_000;
const TIME_ZONE = 'Europe/Berlin';
const EXPORT_RUNS = 3;
const QUERY_RUNS = 15;
const DAY_MS = 86_400_000;
const providerName = (id: string) => id;
const TARGET_QUERY_MS = 20;
const TARGETED = new Set(['all-time per-model breakdown (rollup)', 'this-month total (rollup)', 'this-month per-day series by provider']);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Child mode: export every request of the ledger to a file and report time and peak memory. */
async function childExport(dataDir: string, file: string, format: ReportFormat): Promise<void> {
  const baselineMb = process.memoryUsage.rss() / 1048576;
  const reader = openReadOnlyReportDb(databaseFile(dataDir));
  const period = resolvePeriod({ kind: 'all' }, Date.now(), TIME_ZONE);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const rows = await writeReportFile(reader.db, { period, groupBy: 'request', format }, providerName, file);
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  reader.close();
  process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rows, baselineMb, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tallychat-bench-report-'));
  try {
    const now = Date.now();
    const core = createCore({ dataDir, appVersion: 'bench', host: 'cli', secrets: new EnvironmentSecretStore({}) });
    core.settings.set('timeZone', TIME_ZONE);
    const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => `conv-${i}`);
    const seedMs = timed(() => {
      core.store.sqlite.transaction(() => conversations.forEach((id, i) => insertConversation(core.store.sqlite, id, `Conversation ${i}, "quoted"`)))();
      insertLedgerRows(core.store.sqlite, randomRows(1, ROWS, now - 730 * DAY_MS, now, conversations, true));
    });
    const rollupMs = timed(() => core.ledger.rebuildRollup());
    const rollupRows = (core.store.sqlite.prepare('SELECT COUNT(*) AS n FROM usage_daily_rollup').get() as { n: number }).n;
    await core.close();
    console.log(`seeded ${ROWS.toLocaleString('en-US')} ledger rows over 730 days in ${(seedMs / 1000).toFixed(1)} s; rollup rebuilt in ${(rollupMs / 1000).toFixed(1)} s (${rollupRows.toLocaleString('en-US')} rollup rows)`);

    for (const format of ['csv', 'json'] as const) {
      const file = join(dataDir, `export.${format}`);
      const runs: { ms: number; cpuMs: number; rows: number; baselineMb: number; peakMb: number }[] = [];
      for (let run = 0; run < EXPORT_RUNS; run++) {
        const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child-export', dataDir, file, format], { encoding: 'utf8' });
        runs.push(JSON.parse(out) as (typeof runs)[number]);
      }
      console.log(
        `${format.toUpperCase()} export of every request (${runs[0]!.rows.toLocaleString('en-US')} rows, ${(statSync(file).size / 1048576).toFixed(0)} MB): ` +
          `median ${(median(runs.map((e) => e.ms)) / 1000).toFixed(2)} s (CPU ${(median(runs.map((e) => e.cpuMs)) / 1000).toFixed(2)} s), ` +
          `peak RSS ${median(runs.map((e) => e.peakMb)).toFixed(0)} MB (${median(runs.map((e) => e.baselineMb)).toFixed(0)} MB before the export) ` +
          `over ${EXPORT_RUNS} runs [target < 5 s, < 200 MB]`,
      );
    }
    console.log(`load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs (other work on this machine slows every figure)`);

    const reader = openReadOnlyReportDb(databaseFile(dataDir));
    const db = reader.db;
    const period = (request: PeriodRequest) => resolvePeriod(request, now, TIME_ZONE);
    const deep = requestLogPage(db, period({ kind: 'all' }), { providerName, limit: 1 });
    let cursor = deep.next!;
    for (let i = 0; i < 5; i++) cursor = requestLogPage(db, period({ kind: 'all' }), { providerName, after: cursor, limit: 100_000 }).next!;
    const series = (p: ResolvedPeriod, stackBy: StackBy) => {
      const buckets = bucketsOf(db, p, now);
      return spendSeries(usageReaderFor(db, p).cube(buckets.unit), buckets, stackBy, providerName, p.label);
    };
    // The month's caps, reservations and forecast come from the budget and forecast services in the app; none here.
    const noCaps = { range: monthRangeAt(now, TIME_ZONE), reserved: nanodollars(0), caps: [], projection: nanodollars(0) };
    const queries: [string, () => unknown][] = [
      ['all-time per-model breakdown (rollup)', () => usageReaderFor(db, period({ kind: 'all' })).groups('model')],
      ['this-month total (rollup)', () => usageReaderFor(db, period({ kind: 'this-month' })).totals()],
      ['this-month per-day series by provider', () => series(period({ kind: 'this-month' }), 'provider')],
      ['all-time per-month series by model', () => series(period({ kind: 'all' }), 'model')],
      ['last-24h total (ledger range)', () => usageReaderFor(db, period({ kind: '24h' })).totals()],
      ['whole overview, this month', () => spendingOverview({ db, now, providerName }, period({ kind: 'this-month' }), 'provider', noCaps)],
      ['whole overview, all time', () => spendingOverview({ db, now, providerName }, period({ kind: 'all' }), 'model', noCaps)],
      ['whole overview, last 24 h', () => spendingOverview({ db, now, providerName }, period({ kind: '24h' }), 'provider', noCaps)],
      ['request log, first page of 100', () => requestLogPage(db, period({ kind: 'all' }), { providerName })],
      ['request log, page of 100 after 500,001 rows', () => requestLogPage(db, period({ kind: 'all' }), { providerName, after: cursor })],
      ['request log, first page filtered by model', () => requestLogPage(db, period({ kind: 'all' }), { providerName, filter: { model: 'o3' } })],
      ['request log, first page filtered by text', () => requestLogPage(db, period({ kind: 'all' }), { providerName, filter: { text: 'Conversation 1234,' } })],
      ['conversation breakdown, this month (ledger range)', () => conversationBreakdown(db, period({ kind: 'this-month' }), 200)],
      ['conversation breakdown, all time (conversation rollup)', () => conversationBreakdown(db, period({ kind: 'all' }), 200)],
    ];
    for (const [name, run] of queries) {
      run();
      const ms = median(Array.from({ length: name.includes('conversation breakdown, all') ? 5 : QUERY_RUNS }, () => timed(run)));
      console.log(`${name.padEnd(46)} median ${ms.toFixed(2).padStart(8)} ms${TARGETED.has(name) ? ` [target < ${TARGET_QUERY_MS} ms]` : ''}`);
    }
    reader.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child-export') await childExport(process.argv[3]!, process.argv[4]!, process.argv[5] as ReportFormat);
else await main();
