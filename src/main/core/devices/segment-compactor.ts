import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceIdentity } from './device-identity';
import type { SegmentRow } from './segment-format';
import { readSegment } from './segment-reader';
import { writeSegment } from './segment-writer';
import { deviceFolder, isSegmentFileName } from './sync-paths';

/** Past this many segments of its own, a device folds them into one (fewer files for every importer). */
export const COMPACT_AFTER_SEGMENTS = 20;

/**
 * Folds this device's own segments into one new segment, then removes the ones it folded. The new
 * file is complete (renamed into place) before any old one goes, so a device reading the folder
 * at any moment finds every row in at least one file. Only files this device wrote under their
 * own names are removed: a conflicted copy or a file that does not read cleanly is left alone.
 */
export async function compactOwnSegments(
  syncFolder: string,
  self: DeviceIdentity,
  newSegmentId: () => string,
  now: number,
  threshold = COMPACT_AFTER_SEGMENTS,
): Promise<{ folded: number }> {
  const folder = deviceFolder(syncFolder, self.id);
  const names = (await readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error))))
    .filter(isSegmentFileName)
    .sort();
  if (names.length <= threshold) return { folded: 0 };
  const rows = new Map<string, SegmentRow>();
  const folded: string[] = [];
  for (const name of names) {
    const read = await readSegment(join(folder, name), self.id);
    if (!read.ok) continue;
    for (const row of read.body.rows) if (!rows.has(row.requestId)) rows.set(row.requestId, row);
    folded.push(name);
  }
  const merged = [...rows.values()].sort((a, b) => a.startedAt - b.startedAt || a.requestId.localeCompare(b.requestId));
  const written = await writeSegment(syncFolder, { deviceId: self.id, deviceName: self.name, segmentId: newSegmentId(), createdAt: now, rows: merged });
  for (const name of folded) if (name !== written) await rm(join(folder, name), { force: true });
  return { folded: folded.length };
}
