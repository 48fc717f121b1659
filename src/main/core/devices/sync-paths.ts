import { join } from 'node:path';

/**
 * Where devices meet: `<folder>/tallychat/devices/<device-id>/`, one folder per device, written
 * only by that device. Segments are `seg-<created at, 15 digits>-<segment id>.tcseg`, so a
 * folder listing sorts them oldest first; `device.json` is the device's heartbeat.
 */
export const HEARTBEAT_FILE = 'device.json';
const SEGMENT_NAME = /^seg-(\d{15})-([A-Za-z0-9-]{1,64})\.tcseg$/;

export function devicesRoot(syncFolder: string): string {
  return join(syncFolder, 'tallychat', 'devices');
}

export function deviceFolder(syncFolder: string, deviceId: string): string {
  return join(devicesRoot(syncFolder), deviceId);
}

export function segmentFileName(createdAt: number, segmentId: string): string {
  return `seg-${String(createdAt).padStart(15, '0')}-${segmentId}.tcseg`;
}

export function isSegmentFileName(name: string): boolean {
  return SEGMENT_NAME.test(name);
}

/** A file being written: hidden, and never read by an importer. */
export function temporaryName(finalName: string, unique: string): string {
  return `.${finalName}.${unique}.tmp`;
}

export function isTemporaryName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}
