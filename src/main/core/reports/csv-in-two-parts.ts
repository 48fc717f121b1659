import { rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { BUSY_TIMEOUT_MS } from '../db/open-database';
import type { BufferedFileWriter } from './buffered-file-writer';
import { csvHeader, UTF8_BOM } from './csv-format';
import { REPORT_CACHE_SIZE, type ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import type { PartCommand, PartReply, ReportPartInput } from './report-part-protocol';
import type { ReportRows, SqlStatement } from './report-rows';

/** Where a host's built report-part-worker is, and the ledger it reads. */
export interface SecondThread {
  script: URL;
  /** The ledger's file: the worker opens a connection of its own. */
  file: string;
  nativeBinding?: string;
  /** Smaller exports are written in one part: a worker takes tens of milliseconds to start. */
  minRows?: number;
}

const DEFAULT_MIN_ROWS = 50_000;
/** Attempts at two snapshots of the same ledger before writing in one part instead. */
const SNAPSHOT_ATTEMPTS = 5;
/**
 * A bound on the worker's young generation, as bin/tallychat.mjs keeps the main thread's: V8 grows
 * it over a long walk and keeps it. The worker's strings die young, so a small one costs no time.
 */
const WORKER_YOUNG_GENERATION_MB = 4;
/** Rows between turns of the event loop, so the host answers meanwhile (about 5 MB of CSV). */
const ROWS_PER_TURN = 20_000;

/**
 * A per-request CSV written by two threads: the rows before the period's middle request by this
 * one, the rest by a worker (report-part-worker.ts) into a file of its own, appended at the end.
 * SQLite renders the cells, so the export is bound by SQLite's work, which two connections split.
 *
 * Two connections have two snapshots. Both are taken between two reads of SQLite's data_version,
 * which changes when anything is committed; equal readings mean nothing was committed between
 * them, so the two parts read the same ledger, as the one-connection export does.
 *
 * Returns the number of data rows, or undefined without writing anything when it declines: too
 * few rows to be worth a thread, or a ledger written to on every attempt at one snapshot.
 */
export async function writeCsvInTwoParts(
  db: ReportDb,
  report: ReportRows,
  period: ResolvedPeriod,
  options: { bom: boolean; thread: SecondThread; writer: BufferedFileWriter; sideFile: string; signal?: AbortSignal | undefined },
): Promise<number | undefined> {
  if (!report.csvStatement || !report.csvLines) return undefined;
  const split = splitPoint(db, period, options.thread.minRows ?? DEFAULT_MIN_ROWS);
  if (split === undefined) return undefined;
  const { signal } = options;
  const worker = await startPartWorker(options.thread, report.csvStatement({ fromMs: split, toMs: null }), options.sideFile, signal);
  try {
    const read = await sameSnapshot(db, worker, signal);
    if (!read) return undefined;
    try {
      const theirs = worker.send({ kind: 'write' });
      // Seen at the next turn: this part stops early instead of finishing for nothing.
      let theirFailure: unknown;
      theirs.catch((error: unknown) => (theirFailure = error));
      const { writer } = options;
      writer.write((options.bom ? UTF8_BOM : '') + csvHeader(report.fields));
      let rows = 0;
      for (const line of report.csvLines({ fromMs: null, toMs: split })) {
        writer.write(line);
        if (++rows % ROWS_PER_TURN !== 0) continue;
        await nextTurn();
        signal?.throwIfAborted();
        if (theirFailure) throw theirFailure;
      }
      const written = await unlessAborted(theirs, signal);
      if (written.kind !== 'written') throw new Error(`The export's second thread answered ${written.kind} to write.`);
      writer.copyFrom(options.sideFile);
      return rows + written.rows;
    } finally {
      read.end();
    }
  } finally {
    await worker.stop();
    rmSync(options.sideFile, { force: true });
  }
}

/**
 * The start of the later part: the started_at of the period's middle request, found on the
 * started_at index. Any instant would be exact (each part is ordered, and the later part starts
 * where the earlier ends); the middle one gives each thread half the work.
 */
function splitPoint(db: ReportDb, period: ResolvedPeriod, minRows: number): number | undefined {
  const bounds = [period.startMs !== null ? 'started_at >= @startMs' : '', period.endMs !== null ? 'started_at < @endMs' : ''].filter(Boolean);
  const where = bounds.length ? `WHERE ${bounds.join(' AND ')}` : '';
  const params = { startMs: period.startMs, endMs: period.endMs };
  const { rows } = db.prepare<{ rows: number }>(`SELECT count(*) AS rows FROM requests ${where}`).get(params)!;
  if (rows < minRows) return undefined;
  const middle = db.prepare<{ at: number }>(`SELECT started_at AS at FROM requests ${where} ORDER BY started_at LIMIT 1 OFFSET @half`);
  return middle.get({ ...params, half: Math.floor(rows / 2) })?.at;
}

async function sameSnapshot(db: ReportDb, worker: PartWorker, signal: AbortSignal | undefined): Promise<{ end(): void } | undefined> {
  for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt++) {
    const before = db.dataVersion();
    await unlessAborted(worker.send({ kind: 'begin' }), signal);
    const read = db.beginRead();
    if (read.dataVersion === before) return read;
    read.end();
  }
  return undefined;
}

interface PartWorker {
  send(command: PartCommand): Promise<PartReply>;
  stop(): Promise<void>;
}

/** Starts the worker and waits until its statement is prepared. */
async function startPartWorker(thread: SecondThread, statement: SqlStatement, output: string, signal: AbortSignal | undefined): Promise<PartWorker> {
  const input: ReportPartInput = {
    file: thread.file,
    ...(thread.nativeBinding ? { nativeBinding: thread.nativeBinding } : {}),
    busyTimeoutMs: BUSY_TIMEOUT_MS,
    cacheSize: REPORT_CACHE_SIZE,
    statement,
    output,
  };
  const worker = new Worker(thread.script, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  let waiting: { resolve(reply: PartReply): void; reject(error: Error): void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = undefined;
  };
  worker.on('message', (reply: PartReply) => {
    if (reply.kind === 'failed') return fail(new Error(`The export's second thread failed: ${reply.message}`));
    waiting?.resolve(reply);
    waiting = undefined;
  });
  worker.on('error', (error) => fail(new Error(`The export's second thread failed: ${error.message}`, { cause: error })));
  worker.on('exit', (code) => fail(new Error(`The export's second thread stopped (exit code ${code}) before it was done.`)));
  const next = () =>
    new Promise<PartReply>((resolve, reject) => {
      if (failure) reject(failure);
      else waiting = { resolve, reject };
    });
  const ready = await unlessAborted(next(), signal).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  if (ready.kind !== 'ready') {
    await worker.terminate();
    throw new Error(`The export's second thread started with ${ready.kind}.`);
  }
  return {
    send: (command) => {
      const reply = next();
      worker.postMessage(command);
      return reply;
    },
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** The promise's value, or the signal's reason as soon as it is aborted. */
async function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
