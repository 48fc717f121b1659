import { readdirSync, rmSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/**
 * Removes what a folder holds beyond the names it should (`keep`): files no row points at, files
 * left half-written, anything else. Entries changed after `changedBefore` are left alone: another
 * live host may have just written them and not committed its rows yet. Returns the files removed.
 */
export function removeUnreferenced(folder: string, keep: ReadonlySet<string>, changedBefore = Infinity): number {
  let removed = 0;
  for (const entry of entriesOf(folder)) {
    if (entry.isFile() && keep.has(entry.name)) continue;
    removed += removeStale(join(folder, entry.name), entry, changedBefore);
  }
  return removed;
}

/** Removes one entry (a whole tree for a folder) unless it changed at or after `changedBefore`; returns the files removed. */
export function removeStale(path: string, entry: Dirent, changedBefore = Infinity): number {
  return changedSince(path, changedBefore) ? 0 : removeTree(path, entry);
}

/** Removes a folder that holds nothing any more. */
export function removeIfEmpty(folder: string): void {
  if (entriesOf(folder).length === 0) rmSync(folder, { recursive: true, force: true });
}

export function entriesOf(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export function changedSince(path: string, changedBefore: number): boolean {
  if (changedBefore === Infinity) return false;
  try {
    return statSync(path).mtimeMs >= changedBefore;
  } catch {
    return true;
  }
}

function removeTree(path: string, entry: Dirent): number {
  if (!entry.isDirectory()) {
    rmSync(path, { force: true });
    return 1;
  }
  let removed = 0;
  for (const inner of entriesOf(path)) removed += removeTree(join(path, inner.name), inner);
  rmSync(path, { recursive: true, force: true });
  return removed;
}
