/**
 * A worker thread that writes the later part of a per-request CSV export while the thread that
 * started it writes the earlier part (csv-in-two-parts.ts): SQLite renders every cell, so an
 * export is CPU-bound in SQLite, and two connections on two cores take about half the time.
 * It opens its own read-only connection, starts its read snapshot when told (so the two parts
 * read the same ledger), and writes its lines to its own file. Bundled as an entry of its own,
 * importing only what it needs, since every worker is an isolate of its own to hold in memory.
 */
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { BufferedFileWriter } from './buffered-file-writer';
import { registerIsoTimeFunction } from './iso-time-function';
import type { PartCommand, PartReply, ReportPartInput } from './report-part-protocol';

const input = workerData as ReportPartInput;
const port = parentPort!;
const reply = (message: PartReply) => port.postMessage(message);

/** Runs a step; a failure is answered as text and ends the worker. */
function step(run: () => void): void {
  try {
    run();
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
  }
}

let sqlite: Database.Database;
let lines: Database.Statement;
step(() => {
  sqlite = new Database(input.file, {
    readonly: true,
    fileMustExist: true,
    ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}),
  });
  sqlite.pragma(`busy_timeout = ${input.busyTimeoutMs}`);
  sqlite.pragma(`cache_size = ${input.cacheSize}`);
  registerIsoTimeFunction(sqlite);
  lines = sqlite.prepare(input.statement.sql).raw(true);
  if (!lines.readonly) throw new Error('a report part only reads the ledger.');
  reply({ kind: 'ready' });
});

port.on('message', (command: PartCommand) => step(() => obey(command)));

function obey(command: PartCommand): void {
  if (command.kind === 'begin') {
    // Again after a write came between the two snapshots: drop this one and take the current one.
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
    sqlite.exec('BEGIN');
    sqlite.pragma('data_version', { simple: true });
    reply({ kind: 'begun' });
    return;
  }
  const fd = openSync(input.output, 'wx');
  let rows = 0;
  try {
    const writer = new BufferedFileWriter(fd);
    for (const [line] of lines.iterate(input.statement.params) as Iterable<[string]>) {
      writer.write(line);
      rows++;
    }
    writer.flush();
  } finally {
    closeSync(fd);
  }
  sqlite.exec('COMMIT');
  sqlite.close();
  reply({ kind: 'written', rows });
  port.close();
}
