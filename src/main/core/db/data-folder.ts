import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { LedgerStorageError } from './storage-errors';

/**
 * Creates the data folder one level at a time. Node's recursive mkdir loops forever under
 * /proc (`--data-dir /proc/self/x`); a plain mkdir fails at once and says why.
 */
export function ensureDataFolder(folder: string): void {
  const missing: string[] = [];
  let current = folder;
  for (;;) {
    const stat = statOrUndefined(current);
    if (stat?.isDirectory()) break;
    if (stat) throw new LedgerStorageError(`Cannot use the data folder ${folder}: ${current} is a file, not a folder.`);
    const parent = dirname(current);
    if (parent === current) break;
    missing.unshift(current);
    current = parent;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new LedgerStorageError(`Cannot create the data folder ${folder}: ${dir} could not be made (${code ?? String(error)}).`);
    }
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
