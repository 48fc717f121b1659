import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../core/app/create-core';
import { DATABASE_FILE_NAME, databaseFile } from '../core/db/default-data-dir';
import { LedgerStorageError } from '../core/db/storage-errors';
import type { CliIo } from './cli-io';
import { resolveDataDir } from './data-dir-option';
import { openCliCore } from './open-cli-core';

/** What `report` and `doctor` read. */
export interface LedgerForReading {
  dataDir: string;
  /** The ledger's own file (the core may be reading a snapshot of it). */
  file: string;
  core: Core;
  /** Why a snapshot is read instead (the ledger cannot be written), or undefined. */
  readOnlyBecause: string | undefined;
  close(): Promise<void>;
}

/**
 * Opens the ledger as every host does (migrated, recovered). SQLite cannot open a WAL database
 * in a folder it may not write (it needs the -shm file), so a ledger that cannot be written is
 * read from a snapshot in a temporary folder instead: the file and its -wal, copied as they are.
 */
export function openLedgerForReading(dataDirFlag: string | undefined, io: CliIo): LedgerForReading {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  const file = databaseFile(dataDir);
  try {
    const core = openCliCore(dataDir, io);
    return { dataDir, file, core, readOnlyBecause: undefined, close: () => core.close() };
  } catch (error) {
    // A folder that cannot be made has no ledger to read; an existing ledger that cannot be written does.
    if (!(error instanceof LedgerStorageError) || !existsSync(file)) throw error;
    const snapshot = mkdtempSync(join(tmpdir(), 'tallychat-read-only-'));
    try {
      copyFileSync(file, join(snapshot, DATABASE_FILE_NAME));
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, join(snapshot, `${DATABASE_FILE_NAME}-wal`));
      const core = openCliCore(snapshot, io);
      return {
        dataDir,
        file,
        core,
        readOnlyBecause: error.message,
        close: async () => {
          await core.close();
          rmSync(snapshot, { recursive: true, force: true });
        },
      };
    } catch (snapshotError) {
      rmSync(snapshot, { recursive: true, force: true });
      throw snapshotError;
    }
  }
}
