import { readdir, stat } from 'node:fs/promises';
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

/** A segment already imported, by its size and modification time: an unchanged file is not parsed again. */
interface ImportedFile {
  stamp: string;
  createdAt: number;
  deviceName: string;
  checksum: string;
  rows: number;
}

/**
 * What earlier passes imported, per device and file. A device's files are read whole only when
 * they changed; if its rows left the ledger (history deleted) its entries are forgotten and read again.
 */
export class ImportMemory {
  private readonly files = new Map<string, Map<string, ImportedFile>>();

  forDevice(deviceId: string, rowsInLedger: number): Map<string, ImportedFile> {
    let files = this.files.get(deviceId);
    const remembered = files ? [...files.values()].reduce((max, file) => Math.max(max, file.rows), 0) : 0;
    if (!files || rowsInLedger < remembered) {
      files = new Map();
      this.files.set(deviceId, files);
    }
    return files;
  }
}

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
  memory: ImportMemory = new ImportMemory(),
): Promise<ImportResult> {
  const result: ImportResult = { added: 0, skipped: [] };
  const counts = ledger.importedCounts();
  for (const deviceId of await listDirectories(devicesRoot(syncFolder))) {
    if (deviceId === selfId || !DEVICE_ID.test(deviceId)) continue;
    const folder = join(devicesRoot(syncFolder), deviceId);
    const seen = { name: deviceId, lastSeenAt: null as number | null, announcedRows: 0 };
    let heartbeat: Heartbeat | undefined;
    const checksums = new Set<string>();
    const imported = memory.forDevice(deviceId, counts.get(deviceId) ?? 0);
    const readCleanly = new Set<string>();
    const conflictedSkips: SkippedFile[] = [];
    for (const file of (await readdir(folder)).sort()) {
      if (isTemporaryName(file)) continue;
      const { canonical, conflicted } = recogniseFileName(file);
      if (canonical === HEARTBEAT_FILE) {
        const read = await readHeartbeat(join(folder, file), deviceId);
        if (read && (heartbeat === undefined || read.writtenAt > heartbeat.writtenAt)) heartbeat = read;
        continue;
      }
      if (!isSegmentFileName(canonical)) continue;
      const known = await importOnce(join(folder, file), file, deviceId, imported, checksums, ledger);
      if (!known.ok) {
        (conflicted ? conflictedSkips : result.skipped).push({ deviceId, file, reason: known.reason, message: known.message });
        continue;
      }
      readCleanly.add(canonical);
      result.added += known.added;
      if (seen.lastSeenAt === null || known.file.createdAt >= seen.lastSeenAt) {
        seen.lastSeenAt = known.file.createdAt;
        seen.name = known.file.deviceName;
      }
    }
    // A broken conflicted copy of a file that read cleanly holds nothing new: no need to report it.
    result.skipped.push(...conflictedSkips.filter((skip) => !readCleanly.has(recogniseFileName(skip.file).canonical)));
    if (heartbeat && (seen.lastSeenAt === null || heartbeat.writtenAt >= seen.lastSeenAt)) {
      seen.lastSeenAt = heartbeat.writtenAt;
      seen.name = heartbeat.deviceName;
    }
    if (heartbeat) seen.announcedRows = heartbeat.exportedRows;
    registry.record({ deviceId, ...seen, importedAt: now });
  }
  return result;
}

type ImportOnce = { ok: true; file: ImportedFile; added: number } | { ok: false; reason: SkippedFile['reason']; message: string };

/** Imports one segment unless the same file, unchanged, or a copy with the same content was imported already. */
async function importOnce(
  path: string,
  name: string,
  deviceId: string,
  imported: Map<string, ImportedFile>,
  checksums: Set<string>,
  ledger: DeviceLedger,
): Promise<ImportOnce> {
  let stamp: string;
  try {
    const facts = await stat(path);
    stamp = `${facts.size}:${facts.mtimeMs}`;
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `could not be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const before = imported.get(name);
  if (before?.stamp === stamp) {
    checksums.add(before.checksum);
    return { ok: true, file: before, added: 0 };
  }
  const read = await readSegment(path, deviceId);
  if (!read.ok) return read;
  const file = { stamp, createdAt: read.body.createdAt, deviceName: read.body.deviceName, checksum: read.checksum, rows: read.body.rows.length };
  const added = checksums.has(read.checksum) ? 0 : ledger.importRows(deviceId, read.body.rows);
  checksums.add(read.checksum);
  imported.set(name, file);
  return { ok: true, file, added };
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
