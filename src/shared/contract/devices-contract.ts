/**
 * Devices (issue 20): this device, the sync folder it shares with the person's other devices, and
 * how fresh each other device's data is. Caps count every device's rows that have arrived; this
 * area says what has arrived and when.
 */
import { z } from 'zod';
import { method } from './define-method';

export const SYNC_STATES = ['off', 'never', 'ok', 'unavailable', 'failed'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** Why a file of another device was left out of a pass; it is read again on the next one. */
export const SKIP_REASONS = ['incomplete', 'corrupt', 'newer_format', 'unreadable'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedFileView {
  deviceId: string;
  /** The file's name as found (a conflicted copy keeps its sync engine's name). */
  file: string;
  reason: SkipReason;
  message: string;
}

export interface SyncStatusView {
  state: SyncState;
  /** What went wrong, in words a user can act on; null when nothing did. */
  message: string | null;
  lastSyncAt: number | null;
  skipped: SkippedFileView[];
}

export interface DeviceView {
  deviceId: string;
  name: string;
  /** The other device's clock when it last wrote a file this device has read; null if none was readable. */
  lastSeenAt: number | null;
  /** Its rows counted here. */
  rows: number;
  /** Rows it says it has written that have not arrived here yet. */
  missingRows: number;
  /** Not seen for longer than `staleAfterMs`: caps count only what has arrived. */
  stale: boolean;
}

export interface DevicesView {
  thisDevice: { id: string; name: string };
  syncFolder: string | null;
  sync: SyncStatusView;
  devices: DeviceView[];
  staleAfterMs: number;
}

export const devicesContract = {
  /** This device, the sync folder's status and every other device with when it was last seen. */
  devicesOverview: method<DevicesView>()(z.object({}).strict()),
  /** Chooses the shared folder (a full path to an existing folder), or turns sync off with null. */
  devicesSetFolder: method<DevicesView>()(z.object({ folder: z.string().min(1).max(4096).nullable() }).strict()),
  devicesRename: method<DevicesView>()(z.object({ name: z.string().min(1).max(80) }).strict()),
  /** Writes this device's new rows and imports the others' now, then answers with the overview. */
  devicesSyncNow: method<DevicesView>()(z.object({}).strict()),
};
