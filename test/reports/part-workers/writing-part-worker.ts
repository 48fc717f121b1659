/**
 * The real report-part worker, plus a writer that commits to the ledger after the worker took its
 * snapshot and before the thread that started it hears so: a write between the two parts'
 * snapshots, as another host would make one. Each write is a pair of requests in one transaction,
 * one in each part's range, so an export whose parts read different snapshots shows one of the
 * pair without the other.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { PartReply, ReportPartInput } from '../../../src/main/core/reports/report-part-protocol';
import { insertLedgerRows } from '../ledger-fixtures';

export async function startWritingPartWorker(writes: number): Promise<void> {
  const { file } = workerData as ReportPartInput;
  const port = parentPort!;
  const post = port.postMessage.bind(port);
  let written = 0;
  port.postMessage = (reply: PartReply) => {
    if (reply.kind === 'begun' && written < writes) writePair(++written);
    post(reply);
  };
  const writePair = (n: number) => {
    const ledger = new Database(file);
    const range = ledger.prepare('SELECT MIN(started_at) AS first, MAX(started_at) AS last FROM requests').get() as { first: number; last: number };
    insertLedgerRows(ledger, [
      { id: `written-early-${threadId}-${n}`, startedAt: range.first, providerId: 'openai', model: 'gpt-4o', status: 'completed', cost: n },
      { id: `written-late-${threadId}-${n}`, startedAt: range.last, providerId: 'openai', model: 'gpt-4o', status: 'completed', cost: n },
    ]);
    ledger.close();
  };
  await import('../../../src/main/core/reports/report-part-worker');
}
