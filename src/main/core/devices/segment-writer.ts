import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeSegment, HEARTBEAT_FORMAT, type Heartbeat, type SegmentBody } from './segment-format';
import { deviceFolder, HEARTBEAT_FILE, segmentFileName, temporaryName } from './sync-paths';

/**
 * Writes a file of this device's folder whole or not at all: to a hidden temporary name, flushed
 * to disk, then renamed. A sync engine (or a crash) never exposes a half-written final name.
 */
async function writeWhole(folder: string, finalName: string, content: string, unique: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, temporaryName(finalName, unique));
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, join(folder, finalName));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return finalName;
}

/** Writes one new immutable segment into this device's own folder; returns its file name. */
export function writeSegment(syncFolder: string, body: SegmentBody): Promise<string> {
  return writeWhole(deviceFolder(syncFolder, body.deviceId), segmentFileName(body.createdAt, body.segmentId), encodeSegment(body), body.segmentId);
}

/** Replaces this device's heartbeat (its own file; the rename makes the swap whole). */
export function writeHeartbeat(syncFolder: string, heartbeat: Omit<Heartbeat, 'format'>, unique: string): Promise<string> {
  return writeWhole(
    deviceFolder(syncFolder, heartbeat.deviceId),
    HEARTBEAT_FILE,
    `${JSON.stringify({ format: HEARTBEAT_FORMAT, ...heartbeat })}\n`,
    unique,
  );
}
