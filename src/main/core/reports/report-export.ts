import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { SCREEN_EXPORT_MAX_ROWS, type ReportExport, type ReportGrouping } from '../../../shared/contract/spending-contract';
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
 * Writes a report to a file, honouring the stream's backpressure: what the CLI's --output does,
 * and what the Electron shell calls after its save dialog. It waits for the disk in the middle
 * of its walk over the ledger, so `db` must be a connection of its own (openReadOnlyReportDb):
 * the app's connection would be busy, and refuse the chat's statements, until the walk ends.
 */
export async function writeReportFile(db: ReportDb, request: ReportRequest, providerName: ProviderNames, path: string): Promise<number> {
  // A temporary file beside the target, renamed over it when complete: a failed export never
  // leaves a half-written file, and never truncates what was there before.
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream = createWriteStream(temporary, { encoding: 'utf8', flags: 'wx' });
  let failure: Error | undefined;
  stream.on('error', (error) => (failure = error));
  const sink: ReportSink = {
    write: async (chunk) => {
      if (failure) throw failure;
      if (!stream.write(chunk)) await drained(stream);
    },
  };
  try {
    const rows = await writeReport(db, request, providerName, sink);
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await rename(temporary, path);
    return rows;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

export class ExportTooLargeError extends RangeError {}

/** The window's download: the whole CSV as text, so it is bounded (`tallychat report` is not). */
export function exportCsvText(db: ReportDb, period: ResolvedPeriod, groupBy: ReportGrouping, bom: boolean, providerName: ProviderNames): ReportExport {
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
  // Built in one synchronous walk: nothing else can use the shared connection half-way through.
  const counter = { rows: 0 };
  const csv = [...reportChunks(reportRows(db, period, groupBy, providerName), 'csv', { bom }, counter)].join('');
  return { fileName: reportFileName(period, groupBy, 'csv'), csv, rows: counter.rows };
}

/** "tallychat-2026-11-01-to-2026-11-30-by-model.csv", "tallychat-all-time-by-request.json" */
function reportFileName(period: ResolvedPeriod, groupBy: ReportGrouping, extension: string): string {
  const span =
    period.kind === '24h'
      ? 'last-24h'
      : period.from === null && period.to === null
        ? 'all-time'
        : `${period.from ?? 'start'}-to-${period.to ?? 'today'}`;
  return `tallychat-${span}-by-${groupBy}.${extension}`;
}
