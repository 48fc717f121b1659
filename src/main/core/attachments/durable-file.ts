import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Attachments are the user's own screenshots and documents: readable by the owner alone. */
const OWNER_ONLY = 0o600;

/** The suffix of a file being written; a name with it is never a finished file. */
export const TEMPORARY_SUFFIX = '.tmp';

/**
 * Writes a file so that after a crash it is either whole or absent: the bytes go to a temporary
 * name, are flushed to the disk, and the name is swapped in by a rename whose directory entry is
 * flushed too. Only then may a database row point at it.
 */
export function writeFileDurably(file: string, data: Uint8Array): void {
  const folder = dirname(file);
  mkdirSync(folder, { recursive: true });
  const temporary = join(folder, `.${basename(file)}.${process.pid}${TEMPORARY_SUFFIX}`);
  const fd = openSync(temporary, 'w', OWNER_ONLY);
  try {
    let written = 0;
    while (written < data.byteLength) written += writeSync(fd, data, written);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
  flushDirectory(folder);
}

/** Windows cannot open a directory to flush it; its renames are durable by NTFS's own journal. */
function flushDirectory(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
