import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  PERIOD_PRESETS,
  REPORT_GROUPINGS,
  type PeriodRequest,
} from '../../../shared/contract/spending-contract';
import { openReportReader, type ReportReader } from '../../core/app/create-report-reader';
import { databaseFile } from '../../core/db/default-data-dir';
import { openReadOnlyReportDb } from '../../core/reports/report-db';
import { writeReport, writeReportFile, type ReportRequest } from '../../core/reports/report-export';
import { checkReportOutput, ReportOutputRefused } from '../../core/reports/report-output-guard';
import { InvalidPeriodError, resolvePeriod, type ResolvedPeriod } from '../../core/reports/report-period';
import type { ReportFormat } from '../../core/reports/report-writers';
import { EnvironmentSecretStore } from '../../core/secrets/secret-store';
import { CliUsageError, EXIT, type CliCommand, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-option';
import { formatWhatIf } from './what-if-output';

const FORMATS: readonly ReportFormat[] = ['csv', 'json', 'table'];

const USAGE =
  `tallychat report [--from DATE] [--to DATE] [--period ${PERIOD_PRESETS.join('|')}] ` +
  `[--group-by ${REPORT_GROUPINGS.join('|')}] [--format ${FORMATS.join('|')}] [--output FILE [--force]] [--bom] [--data-dir DIR]\n` +
  `       tallychat report --what-if-model MODEL [--what-if-provider ID] [--what-if-input USD --what-if-output USD ` +
  `[--what-if-cache-read USD] [--what-if-cache-write USD]] [--format table|json] [period options]`;

export const reportCommand: CliCommand = {
  name: 'report',
  summary:
    'Export spending from the ledger as CSV, JSON or a table: per request or grouped, for a period ' +
    '(dates are local dates in the settings\' time zone, --to inclusive; default: this month)',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        period: { type: 'string' },
        'group-by': { type: 'string', default: 'request' },
        format: { type: 'string', default: 'csv' },
        output: { type: 'string' },
        bom: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        'what-if-model': { type: 'string' },
        'what-if-provider': { type: 'string' },
        'what-if-input': { type: 'string' },
        'what-if-output': { type: 'string' },
        'what-if-cache-read': { type: 'string' },
        'what-if-cache-write': { type: 'string' },
      },
    });
    if (values['what-if-model'] !== undefined) return whatIf(values, io);
    const period = periodFrom(values.period, values.from, values.to);
    const groupBy = oneOf(REPORT_GROUPINGS, values['group-by'], '--group-by');
    const format = oneOf(FORMATS, values.format, '--format');
    if (values.bom && format !== 'csv') throw new CliUsageError('--bom applies to --format csv');

    if (values.output === '') throw new CliUsageError('--output needs a file name; it was given an empty value');

    const dataDir = resolveDataDir(values['data-dir'], io.env);
    const lean = groupBy === 'request' ? openReportReader(dataDir, new EnvironmentSecretStore(io.env)) : undefined;
    const source = lean ?? (await readThroughCore(dataDir, io));
    try {
      const resolved = resolveOrUsageError(period, Date.now(), source.timeZone);
      const request: ReportRequest = { period: resolved, groupBy, format, bom: values.bom };
      if (values.output === undefined) {
        await writeReport(source.db, request, source.providerName, { write: (chunk) => io.stdout(chunk) });
        return EXIT.ok;
      }
      guardOutput(values.output, databaseFile(dataDir), values.force);
      const secondThread = reportPartWorker();
      // Ctrl-C stops the export at its next turn and removes its temporary files (a million rows
      // leave 240 MB of them), instead of ending the process where it stands.
      const interrupt = new AbortController();
      const onSigint = () => interrupt.abort();
      process.on('SIGINT', onSigint);
      let rows: number;
      try {
        rows = await writeReportFile(source.db, request, source.providerName, values.output, {
          signal: interrupt.signal,
          ...(secondThread ? { secondThread: { script: secondThread, file: source.file } } : {}),
        });
      } catch (error) {
        if (!interrupt.signal.aborted || error !== interrupt.signal.reason) throw error;
        io.stderr(`tallychat report: interrupted; ${values.output} was left as it was\n`);
        return EXIT.interrupted;
      } finally {
        process.off('SIGINT', onSigint);
      }
      const what = groupBy === 'request' ? 'requests' : `rows grouped by ${groupBy}`;
      io.stderr(`Wrote ${rows.toLocaleString('en-US')} ${what} (${resolved.label}, ${resolved.timeZone}) to ${values.output}\n`);
      return EXIT.ok;
    } finally {
      await source.close();
    }
  },
};

/**
 * The ledger through the whole core, which migrates it and recovers interrupted requests first
 * (or reads a snapshot of a ledger it cannot write): grouped reports, which read the rollups the
 * core keeps, and any ledger the lean reader declines. Loaded only then: it is most of the CLI.
 */
async function readThroughCore(dataDir: string, io: CliIo): Promise<Omit<ReportReader, 'close'> & { close(): Promise<void> }> {
  const { openLedgerForReading } = await import('../open-ledger-for-reading');
  const ledger = openLedgerForReading(dataDir, io);
  const reader = openReadOnlyReportDb(ledger.core.store.file);
  return {
    db: reader.db,
    file: ledger.core.store.file,
    timeZone: ledger.core.settings.get('timeZone'),
    providerName: (id) => ledger.core.providerResolver.nameOf(id),
    close: async () => {
      reader.close();
      await ledger.close();
    },
  };
}

/**
 * The report-part worker the CLI's bundle carries beside its chunks (scripts/build-cli.mjs). Run
 * from the TypeScript sources there is none, and an export is written by one thread.
 */
function reportPartWorker(): URL | undefined {
  const script = new URL('./report-part-worker.mjs', import.meta.url);
  return existsSync(script) ? script : undefined;
}

interface WhatIfFlags {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  format?: string | undefined;
  output?: string | undefined;
  bom?: boolean | undefined;
  'group-by'?: string | undefined;
  'data-dir'?: string | undefined;
  'what-if-model'?: string | undefined;
  'what-if-provider'?: string | undefined;
  'what-if-input'?: string | undefined;
  'what-if-output'?: string | undefined;
  'what-if-cache-read'?: string | undefined;
  'what-if-cache-write'?: string | undefined;
}

/** The period's stored token counts priced on another model; the same service as Spending's, and it only reads. */
async function whatIf(values: WhatIfFlags, io: CliIo): Promise<number> {
  const model = values['what-if-model']!;
  if (values.output !== undefined || values.bom || values['group-by'] !== 'request') {
    throw new CliUsageError('--what-if-model prints a comparison: it takes no --output, --bom or --group-by');
  }
  const format = oneOf(['table', 'json'] as const, values.format === 'csv' ? 'table' : values.format, '--format');
  const input = values['what-if-input'];
  const output = values['what-if-output'];
  if ((input === undefined) !== (output === undefined)) throw new CliUsageError('--what-if-input and --what-if-output go together');
  const cacheRead = values['what-if-cache-read'];
  const cacheWrite = values['what-if-cache-write'];
  if (input === undefined && (cacheRead !== undefined || cacheWrite !== undefined)) {
    throw new CliUsageError('--what-if-cache-read and --what-if-cache-write need --what-if-input and --what-if-output');
  }
  const period = periodFrom(values.period, values.from, values.to);
  // Loaded only here, like readThroughCore: the whole core is most of the CLI.
  const [{ openLedgerForReading }, { refusalsAsUsage }] = await Promise.all([import('../open-ledger-for-reading'), import('../with-core')]);
  const ledger = openLedgerForReading(values['data-dir'], io);
  try {
    const view = refusalsAsUsage(() => ledger.core.services.whatIf.compute({
      period: resolveOrUsageError(period, ledger.core.clock(), ledger.core.settings.get('timeZone')),
      providerId: values['what-if-provider'],
      model,
      prices:
        input !== undefined && output !== undefined
          ? { input, output, ...(cacheRead !== undefined ? { cacheRead } : {}), ...(cacheWrite !== undefined ? { cacheWrite } : {}) }
          : undefined,
    }));
    io.stdout(format === 'json' ? `${JSON.stringify(view)}\n` : formatWhatIf(view));
    return EXIT.ok;
  } finally {
    await ledger.close();
  }
}

function periodFrom(preset: string | undefined, from: string | undefined, to: string | undefined): PeriodRequest {
  if (preset !== undefined) {
    if (from !== undefined || to !== undefined) throw new CliUsageError('give either --period or --from/--to, not both');
    return { kind: oneOf(PERIOD_PRESETS, preset, '--period') };
  }
  if (from === undefined && to === undefined) return { kind: 'this-month' };
  return { kind: 'custom', ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** An output that would overwrite the ledger or a file that is not a report is a usage mistake. */
function guardOutput(path: string, ledgerFile: string, force: boolean): void {
  try {
    checkReportOutput(path, ledgerFile, { force });
  } catch (error) {
    if (error instanceof ReportOutputRefused) throw new CliUsageError(error.message);
    throw error;
  }
}

function resolveOrUsageError(period: PeriodRequest, now: number, timeZone: string): ResolvedPeriod {
  try {
    return resolvePeriod(period, now, timeZone);
  } catch (error) {
    if (error instanceof InvalidPeriodError) throw new CliUsageError(error.message);
    throw error;
  }
}

function oneOf<T extends string>(choices: readonly T[], value: string | undefined, flag: string): T {
  const choice = choices.find((c) => c === value);
  if (choice === undefined) throw new CliUsageError(`${flag} takes one of ${choices.join(', ')}; got "${value}"`);
  return choice;
}
