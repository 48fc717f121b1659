import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkippedFileView } from '../../../shared/contract/devices-contract';
import { recogniseFileName } from './conflicted-copies';
import type { DeviceLedger } from './device-ledger';
import type { DeviceRegistry } from './device-registry';
import type { Heartbeat } from './segment-format';
import { readHeartbeat, readSegment } from './segment-reader';
import { devicesRoot, HEARTBEAT_FILE, isSegmentFileName, isTemporaryName } from './sync-paths';

export type SkippedFile = SkippedFileView;

export interface ImportResult {
  /** Rows new to this ledger. */
  added: number;
  skipped: SkippedFile[];
}

const DEVICE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Reads every other device's folder and adds their rows to this ledger. Reading is all it does
 * there: nothing in another device's folder is written, renamed or removed. Rows are keyed by
 * (device, request id), so a file read twice, a compacted segment that repeats old ones, or a
 * conflicted copy adds nothing already counted; a copy identical to a file read in this pass is
 * not even parsed twice.
 */
export async function importOtherDevices(
  syncFolder: string,
  selfId: string,
  ledger: DeviceLedger,
  registry: DeviceRegistry,
  now: number,
): Promise<ImportResult> {
  const result: ImportResult = { added: 0, skipped: [] };
  for (const deviceId of await listDirectories(devicesRoot(syncFolder))) {
    if (deviceId === selfId || !DEVICE_ID.test(deviceId)) continue;
    const folder = join(devicesRoot(syncFolder), deviceId);
    const seen = { name: deviceId, lastSeenAt: null as number | null, announcedRows: 0 };
    let heartbeat: Heartbeat | undefined;
    const checksums = new Set<string>();
    for (const file of (await readdir(folder)).sort()) {
      if (isTemporaryName(file)) continue;
      const { canonical } = recogniseFileName(file);
      if (canonical === HEARTBEAT_FILE) {
        const read = await readHeartbeat(join(folder, file), deviceId);
        if (read && (heartbeat === undefined || read.writtenAt > heartbeat.writtenAt)) heartbeat = read;
        continue;
      }
      if (!isSegmentFileName(canonical)) continue;
      const read = await readSegment(join(folder, file), deviceId);
      if (!read.ok) {
        result.skipped.push({ deviceId, file, reason: read.reason, message: read.message });
        continue;
      }
      if (seen.lastSeenAt === null || read.body.createdAt >= seen.lastSeenAt) {
        seen.lastSeenAt = read.body.createdAt;
        seen.name = read.body.deviceName;
      }
      if (checksums.has(read.checksum)) continue;
      checksums.add(read.checksum);
      result.added += ledger.importRows(deviceId, read.body.rows);
    }
    if (heartbeat && (seen.lastSeenAt === null || heartbeat.writtenAt >= seen.lastSeenAt)) {
      seen.lastSeenAt = heartbeat.writtenAt;
      seen.name = heartbeat.deviceName;
    }
    if (heartbeat) seen.announcedRows = heartbeat.exportedRows;
    registry.record({ deviceId, ...seen, importedAt: now });
  }
  return result;
}

/** The sub-folders of the devices folder; none yet when no device has synced. */
async function listDirectories(root: string): Promise<string[]> {
  try {
    return (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
