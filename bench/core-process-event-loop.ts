/**
 * Main's event-loop delay (perf_hooks.monitorEventLoopDelay, p99 and max) while the window's CSV
 * export walks a 1,000,000-row ledger (in pieces of at most 100,000 rows, the window's bound per
 * export), each piece saved by the core to the file main's save dialog chose (as the desktop app
 * does: the text never crosses main), and an answer streams, with the core in main (as before) and with the core in its own
 * process (the real core-process entry, forked as the Electron stand-in forks a utility process,
 * relayed by the real CoreSupervisor). Runs alternate between the two; medians, min and max.
 * Targets with the core in its own process: p99 ≤ 20 ms, max ≤ 50 ms.
 * The ledger is built once and kept in /tmp (BENCH_LEDGER_DIR to move it; delete it to rebuild).
 * Run: npx tsx bench/core-process-event-loop.ts
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore } from '../src/main/core/app/create-core';
import type { Dispatch } from '../src/main/core/api/dispatcher';
import type { FromCore, ToCore } from '../src/main/core-process/core-protocol';
import { CoreSupervisor, type CoreChild } from '../src/main/core-process/core-supervisor';
import type { IpcResult, TallychatEvent } from '../src/shared/contract';
import type { ExportSaved } from '../src/shared/contract/spending-contract';
import { startFakeProvider, type FakeProvider } from '../test/fake-provider';
import { MemorySecretStore } from '../test/helpers/memory-secret-store';
import { insertConversation, insertLedgerRows, randomRows } from '../test/reports/ledger-fixtures';

const ROWS = 1_000_000;
const DAYS = 730;
const DAY_MS = 86_400_000;
/** ~1,370 rows a day: 60 days stay under the window's 100,000-row bound per export. */
const EXPORT_DAYS = 60;
const RUNS_PER_MODE = 3;
const TARGET_P99_MS = 20;
const TARGET_MAX_MS = 50;
const ANSWER = 'A streaming answer while the ledger is exported. '.repeat(80);
const ROOT = resolve(import.meta.dirname, '..');
const CACHE = process.env.BENCH_LEDGER_DIR ?? join(tmpdir(), 'tallychat-bench-core-process');
const DATA_DIR = join(CACHE, 'ledger-1m');

interface HostedCore {
  dispatch: Dispatch;
  close(): Promise<void>;
}
type Mode = 'core in main' | 'core in its own process';

/** Built once: a million final rows over two years, ending at the time it was built. */
function ensureLedger(): { endMs: number } {
  const marker = join(DATA_DIR, 'built-at');
  if (existsSync(marker)) return { endMs: Number(readFileSync(marker, 'utf8')) };
  rmSync(CACHE, { recursive: true, force: true });
  const building = `${DATA_DIR}.building`;
  mkdirSync(building, { recursive: true });
  const endMs = Date.now();
  const started = performance.now();
  const core = createCore({ dataDir: building, appVersion: 'bench', host: 'cli', secrets: new MemorySecretStore() });
  core.settings.set('timeZone', 'UTC');
  const conversations = Array.from({ length: 20_000 }, (_, i) => `conv-${i}`);
  core.store.sqlite.transaction(() => conversations.forEach((id, i) => insertConversation(core.store.sqlite, id, `Conversation ${i}`)))();
  insertLedgerRows(core.store.sqlite, randomRows(1, ROWS, endMs - DAYS * DAY_MS, endMs, conversations, true));
  core.ledger.rebuildRollup();
  void core.close();
  writeFileSync(join(building, 'built-at'), String(endMs));
  renameSync(building, DATA_DIR);
  console.log(`built a ${ROWS.toLocaleString('en-US')}-row ledger in ${((performance.now() - started) / 1000).toFixed(1)} s (kept in ${DATA_DIR})`);
  return { endMs };
}

/** main's save dialog, answered at once: a fresh file per export piece, removed once counted. */
const EXPORTS = join(CACHE, 'exports');
let exportsSaved = 0;
const chooseExportFile = async () => join(EXPORTS, `piece-${++exportsSaved}.csv`);

function inMain(onEvent: (event: TallychatEvent) => void): HostedCore {
  const core = createCore({ dataDir: DATA_DIR, appVersion: 'bench', host: 'electron', secrets: new MemorySecretStore(), chooseExportFile });
  core.events.subscribe(onEvent);
  return { dispatch: core.dispatch, close: () => core.close() };
}

/** A Node child process seen as the UtilityProcess the supervisor expects. */
class ForkedCore implements CoreChild {
  constructor(private readonly child: ChildProcess) {}
  get pid(): number | undefined {
    return this.child.pid;
  }
  postMessage(message: ToCore): void {
    this.child.send(message);
  }
  kill(): boolean {
    return this.child.kill();
  }
  on(event: 'message', listener: (message: FromCore) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message' | 'exit', listener: (value: FromCore & number) => void): unknown {
    return this.child.on(event, listener);
  }
}

/** The core-process entry in a Node child with `process.parentPort`, as the Electron stand-in runs it. */
async function inOwnProcess(onEvent: (event: TallychatEvent) => void): Promise<HostedCore> {
  const supervisor = new CoreSupervisor({
    fork: () => {
      const child = fork(join(ROOT, 'src/main/core-process/core-process-entry.ts'), [], {
        execArgv: ['--import', 'tsx', '--import', join(ROOT, 'test/stand-in/parent-port.mjs')],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      return new ForkedCore(child);
    },
    start: { dataDir: DATA_DIR, appVersion: 'bench' },
    secrets: new MemorySecretStore(),
    onEvent,
    chooseExportFile,
    report: (message) => console.error(message),
  });
  await supervisor.start();
  return { dispatch: supervisor.dispatch, close: () => supervisor.close() ?? Promise.resolve() };
}

function valueOf<T>(result: IpcResult<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function oneRun(mode: Mode, fake: FakeProvider, endMs: number): Promise<{ p99: number; max: number; exportedRows: number; seconds: number }> {
  let finished: () => void = () => {};
  const answered = new Promise<void>((resolve) => (finished = resolve));
  const onEvent = (event: TallychatEvent) => event.type === 'chat.finished' && finished();
  const core = mode === 'core in main' ? inMain(onEvent) : await inOwnProcess(onEvent);
  const provider = valueOf<{ id: string }>(await core.dispatch('settingsProviderAdd', { kind: 'openai', name: 'Bench', baseUrl: `${fake.baseUrl}/v1`, apiKey: 'sk-bench-0000' }));
  valueOf(await core.dispatch('settingsProviderModels', { id: provider.id, models: ['gpt-4o-mini'] }));

  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The monitor's first tick only sets its baseline: a block before it would go unrecorded.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = performance.now();
  fake.enqueue({ text: ANSWER, deltaChars: 6, delayMs: 4 });
  valueOf(await core.dispatch('chatSend', { providerId: provider.id, model: 'gpt-4o-mini', text: 'Stream while I export' }));
  let exportedRows = 0;
  for (let from = endMs - DAYS * DAY_MS; from <= endMs; from += EXPORT_DAYS * DAY_MS) {
    const to = Math.min(from + (EXPORT_DAYS - 1) * DAY_MS, endMs);
    const piece = valueOf<ExportSaved>(
      await core.dispatch('spendingExportCsvSave', { period: { kind: 'custom', from: isoDate(from), to: isoDate(to) }, groupBy: 'request', bom: true }),
    );
    if (piece.status !== 'saved') throw new Error('the bench\'s save dialog chose a file: the export cannot be cancelled');
    exportedRows += piece.rows;
    rmSync(piece.file);
    // Each piece is its own IPC call in the app: the loop turns between them.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await answered;
  histogram.disable();
  const seconds = (performance.now() - started) / 1000;
  valueOf(await core.dispatch('settingsProviderRemove', { id: provider.id }));
  await core.close();
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, exportedRows, seconds };
}

/** The machine's own noise: main's delay while it does nothing, for as long as a loaded run took. */
async function idleRun(seconds: number): Promise<{ p99: number; max: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 50 + seconds * 1000));
  histogram.disable();
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const figure = (values: number[]) => `median ${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;

async function main(): Promise<void> {
  const { endMs } = ensureLedger();
  mkdirSync(EXPORTS, { recursive: true });
  const fake = await startFakeProvider();
  const results: Record<Mode, Awaited<ReturnType<typeof oneRun>>[]> = { 'core in main': [], 'core in its own process': [] };
  const idle: Awaited<ReturnType<typeof idleRun>>[] = [];
  try {
    for (let run = 0; run < RUNS_PER_MODE; run++) {
      for (const mode of Object.keys(results) as Mode[]) results[mode].push(await oneRun(mode, fake, endMs));
      idle.push(await idleRun(results['core in its own process'].at(-1)!.seconds));
    }
  } finally {
    await fake.close();
  }
  console.log(`main's event-loop delay while exporting every request of a ${ROWS.toLocaleString('en-US')}-row ledger to CSV files (in pieces of at most 100,000 rows) and streaming one answer, ${RUNS_PER_MODE} runs each:`);
  for (const [mode, runs] of Object.entries(results)) {
    const target = mode === 'core in its own process' ? ` [target p99 ≤ ${TARGET_P99_MS} ms, max ≤ ${TARGET_MAX_MS} ms]` : ' [yardstick]';
    console.log(
      `${mode.padEnd(24)} p99 ${figure(runs.map((r) => r.p99))}; max ${figure(runs.map((r) => r.max))}; ` +
        `${runs[0]!.exportedRows.toLocaleString('en-US')} rows exported, run took median ${median(runs.map((r) => r.seconds)).toFixed(1)} s${target}`,
    );
  }
  console.log(`${'main idle, no core work'.padEnd(24)} p99 ${figure(idle.map((r) => r.p99))}; max ${figure(idle.map((r) => r.max))} [the machine's own noise]`);
  console.log(`load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs (other work on this machine slows every figure)`);
}

await main();
