import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SCREEN_EXPORT_MAX_ROWS, type ReportExport, type ReportGrouping } from '../../../shared/contract/spending-contract';
import { BufferedFileWriter } from './buffered-file-writer';
import { writeCsvInTwoParts, type SecondThread } from './csv-in-two-parts';
import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { reportRows, type ProviderNames } from './report-rows';
import { reportChunks, writeReportRows, type ReportFormat, type ReportSink } from './report-writers';
import { usageReaderFor } from './usage-readers';

export interface ReportRequest {
  period: ResolvedPeriod;
  groupBy: ReportGrouping;
  format: ReportFormat;
  bom?: boolean;
}

/** Streams a report to a sink; returns the number of data rows. A sink that waits needs its own connection (see below). */
export function writeReport(db: ReportDb, request: ReportRequest, providerName: ProviderNames, sink: ReportSink): Promise<number> {
  return writeReportRows(reportRows(db, request.period, request.groupBy, providerName), request.format, sink, {
    ...(request.bom ? { bom: true } : {}),
  });
}

/**
 * Writes a report to a file: what the CLI's --output does, and what the Electron shell calls
 * after its save dialog. Text goes to the file descriptor directly (a stream's queue and promise
 * per chunk cost more than the writes), and the walk gives the event loop a turn every few
 * megabytes so the host stays responsive. It pauses in the middle of its walk over the ledger, so
 * `db` must be a connection of its own (openReadOnlyReportDb): the app's connection would be
 * busy, and refuse the chat's statements, until the walk ends. A host that ships the
 * report-part worker passes it as `secondThread`: a large per-request CSV is then written by two
 * threads (csv-in-two-parts.ts), byte for byte the same file. An aborted `signal` (the CLI's
 * Ctrl-C) stops it at its next turn with the signal's reason, leaving the target as it was.
 */
export async function writeReportFile(
  db: ReportDb,
  request: ReportRequest,
  providerName: ProviderNames,
  path: string,
  options: { secondThread?: SecondThread; signal?: AbortSignal } = {},
): Promise<number> {
  const { signal } = options;
  signal?.throwIfAborted();
  // A temporary file beside the target, renamed over it when complete: a failed export never
  // leaves a half-written file, and never truncates what was there before.
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx');
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  const writer = new BufferedFileWriter(fd);
  let lastTurn = 0;
  const sink: ReportSink = {
    write: (chunk) => {
      writer.write(chunk);
      if (writer.bytes - lastTurn < YIELD_EVERY_BYTES) return;
      lastTurn = writer.bytes;
      return new Promise<void>((resolve, reject) => setImmediate(() => (signal?.aborted ? reject(signal.reason) : resolve())));
    },
  };
  try {
    const report = reportRows(db, request.period, request.groupBy, providerName);
    const bom = request.bom ?? false;
    const inTwoParts =
      options.secondThread && request.format === 'csv'
        ? await writeCsvInTwoParts(db, report, request.period, { bom, thread: options.secondThread, writer, sideFile: `${temporary}.part`, signal })
        : undefined;
    const rows = inTwoParts ?? (await writeReportRows(report, request.format, sink, bom ? { bom } : {}));
    writer.flush();
    close();
    signal?.throwIfAborted();
    await rename(temporary, path);
    return rows;
  } catch (error) {
    close();
    await rm(temporary, { force: true });
    throw error;
  }
}

const YIELD_EVERY_BYTES = 8 * 1024 * 1024;

export class ExportTooLargeError extends RangeError {}

/** The window's exports are bounded (`tallychat report` is not): refuses a period with too many requests. */
export function refuseOversizedScreenExport(db: ReportDb, period: ResolvedPeriod, groupBy: ReportGrouping): void {
  if (groupBy === 'request') {
    const requests = usageReaderFor(db, period).totals().requests;
    if (requests > SCREEN_EXPORT_MAX_ROWS) {
      throw new ExportTooLargeError(
        `${period.label} has ${requests.toLocaleString('en-US')} requests; the window exports at most ` +
          `${SCREEN_EXPORT_MAX_ROWS.toLocaleString('en-US')} at a time. Choose a shorter period or a grouping, ` +
          'or run `tallychat report --group-by request --output FILE`, which has no limit.',
      );
    }
  }
}

/** The window's download: the whole CSV as text. */
export function exportCsvText(db: ReportDb, period: ResolvedPeriod, groupBy: ReportGrouping, bom: boolean, providerName: ProviderNames): ReportExport {
  refuseOversizedScreenExport(db, period, groupBy);
  // Built in one synchronous walk: nothing else can use the shared connection half-way through.
  const counter = { rows: 0 };
  const csv = [...reportChunks(reportRows(db, period, groupBy, providerName), 'csv', { bom }, counter)].join('');
  return { fileName: reportFileName(period, groupBy, 'csv'), csv, rows: counter.rows };
}

/** "tallychat-2026-11-01-to-2026-11-30-by-model.csv", "tallychat-all-time-by-request.json" */
export function reportFileName(period: ResolvedPeriod, groupBy: ReportGrouping, extension: string): string {
  const span =
    period.kind === '24h'
      ? 'last-24h'
      : period.from === null && period.to === null
        ? 'all-time'
        : `${period.from ?? 'start'}-to-${period.to ?? 'today'}`;
  return `tallychat-${span}-by-${groupBy}.${extension}`;
}
