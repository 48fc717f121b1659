import { accessSync, constants, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CorruptLedgerError } from './integrity-check';

/** The ledger's file or folder cannot be used: the message names the path and the cause. */
export class LedgerStorageError extends Error {
  override readonly name = 'LedgerStorageError';
}

/** Less free space than this where the ledger lives counts as a full disk. */
const FULL_DISK_BYTES = 1024 * 1024;
const STORAGE_CODES = /^SQLITE_(CANTOPEN|READONLY|IOERR|FULL|PERM|NOTADB|CORRUPT)/;

/**
 * SQLite says "unable to open database file" or "disk I/O error" and names nothing. This turns
 * such an error into one that names the file and the likely cause, found by looking at the
 * folder and the file; any other error passes through unchanged.
 */
export function describeStorageFailure(file: string, error: unknown, access: 'read' | 'write' = 'write'): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !STORAGE_CODES.test(code)) return error;
  const sqliteSays = `SQLite: ${(error as Error).message}`;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return new CorruptLedgerError(file, sqliteSays);
  const folder = dirname(file);
  if (code.startsWith('SQLITE_FULL') || (code.startsWith('SQLITE_IOERR') && freeBytes(folder) < FULL_DISK_BYTES)) {
    return new LedgerStorageError(`Cannot write the ledger ${file}: the disk is full (${sqliteSays}). Free some space, then try again.`);
  }
  const cause = !isWritable(folder)
    ? `the folder ${folder} is read-only`
    : exists(file) && !isWritable(file)
      ? 'the file is read-only'
      : `the disk or the file system refused it`;
  if (access === 'read') return new LedgerStorageError(`Cannot read the ledger ${file}: ${sqliteSays}.`);
  return new LedgerStorageError(
    `Cannot write the ledger ${file}: ${cause} (${sqliteSays}). Make it writable or choose another data folder; ` +
      '`tallychat report` and `tallychat doctor` can still read it.',
  );
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function freeBytes(folder: string): number {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
