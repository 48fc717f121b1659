import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { REPORT_GROUPINGS } from '../../../shared/contract/spending-contract';
import { BACKUPS_FOLDER } from '../settings-admin/general-settings';
import { KEY_FILE_NAME } from '../secrets/key-files';
import { csvHeader, UTF8_BOM } from './csv-format';
import { fieldsFor } from './report-fields';

/** An --output that would destroy something: the message says what and how to proceed. */
export class ReportOutputRefused extends Error {
  override readonly name = 'ReportOutputRefused';
}

const REPORT_FIRST_LINES = new Set(REPORT_GROUPINGS.map((g) => csvHeader(fieldsFor(g)).trimEnd()));
const PEEK_BYTES = 4096;

/**
 * Where a report may be written: never over the ledger, its -wal/-shm/-journal, the key file or
 * a backup (symbolic links followed); and over an existing file only if that file is itself a
 * CSV or JSON report, unless `force`. The file is then replaced whole (temp file + rename).
 */
export function checkReportOutput(path: string, ledgerFile: string, options: { force: boolean }): void {
  const target = realTarget(resolve(path));
  const dataDir = realTarget(dirname(ledgerFile));
  const inside = relative(dataDir, target);
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
    const [top = ''] = inside.split(/[\\/]/);
    if (top.startsWith(basename(ledgerFile)) || top.startsWith(KEY_FILE_NAME) || top === BACKUPS_FOLDER) {
      throw new ReportOutputRefused(
        `--output ${path} is ${join(dirname(ledgerFile), inside)}, one of the files Tallychat keeps its ledger, keys and backups in; ` +
          'write the report somewhere else',
      );
    }
  }
  if (options.force) return;
  const first = firstLineOf(target);
  if (first !== undefined && !looksLikeReport(first)) {
    throw new ReportOutputRefused(`--output ${path} exists and is not a Tallychat report; add --force to replace it`);
  }
}

/** The path with every symbolic link resolved, including in the parts that exist of a new file's folder. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realTarget(parent), basename(path));
  }
}

/** The first line of an existing, non-empty regular file; undefined when there is none to lose. */
function firstLineOf(file: string): string | undefined {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return stat.isDirectory() ? '(a folder)' : undefined;
    size = stat.size;
  } catch {
    return undefined;
  }
  if (size === 0) return undefined;
  const buffer = Buffer.alloc(Math.min(size, PEEK_BYTES));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
}

function looksLikeReport(firstLine: string): boolean {
  return REPORT_FIRST_LINES.has(firstLine.replace(UTF8_BOM, '')) || firstLine === '[' || firstLine === '[]';
}
