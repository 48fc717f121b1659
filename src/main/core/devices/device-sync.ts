import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { DevicesView, SyncStatusView } from '../../../shared/contract/devices-contract';
import type { TallychatEvent } from '../../../shared/contract/events';
import { AppError } from '../../../shared/contract/ipc-result';
import type { SettingsStore } from '../settings/settings-store';
import type { DeviceIdentity, DeviceIdentityStore } from './device-identity';
import type { DeviceLedger } from './device-ledger';
import type { DeviceRegistry } from './device-registry';
import { DEFAULT_STALE_AFTER_MS, freshnessOf } from './freshness';
import { compactOwnSegments, COMPACT_AFTER_SEGMENTS } from './segment-compactor';
import { ImportMemory, importOtherDevices, type ImportResult } from './segment-importer';
import { writeHeartbeat, writeSegment } from './segment-writer';

export type SyncStatus = SyncStatusView;
export type DevicesOverview = DevicesView;

export interface DeviceSyncDeps {
  settings: SettingsStore;
  identity: DeviceIdentityStore;
  ledger: DeviceLedger;
  registry: DeviceRegistry;
  clock: () => number;
  newId: () => string;
  staleAfterMs?: number;
  compactAfterSegments?: number;
  /** Tells the hosts a pass ended, so the window reads caps and devices again. */
  emit?: (event: TallychatEvent) => void;
}

/**
 * Keeps this device's ledger and the sync folder in step: one pass writes this device's new final
 * rows as a segment, its heartbeat, folds its own old segments, then imports the other devices'.
 * Passes never overlap. A pass never throws: a missing, offline or read-only folder becomes a
 * status, so chatting (which only schedules passes) is never held up or broken by the folder.
 */
export class DeviceSyncService {
  private running: Promise<SyncStatus> | undefined;
  private again = false;
  private status: SyncStatus = { state: 'never', message: null, lastSyncAt: null, skipped: [] };
  private readonly imported = new ImportMemory();

  constructor(private readonly deps: DeviceSyncDeps) {}

  overview(): DevicesOverview {
    const staleAfterMs = this.deps.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    const syncFolder = this.deps.settings.get('syncFolder');
    return {
      thisDevice: this.deps.identity.current(),
      syncFolder,
      sync: syncFolder === null ? { state: 'off', message: null, lastSyncAt: null, skipped: [] } : this.status,
      devices: freshnessOf(this.deps.registry.list(), this.deps.ledger.importedCounts(), this.deps.clock(), staleAfterMs),
      staleAfterMs,
    };
  }

  /**
   * Chooses the shared folder (null turns sync off); it must be an existing folder, given in full.
   * A new folder is synced at once, so the answer already says whether it works.
   */
  async setFolder(folder: string | null): Promise<DevicesOverview> {
    if (folder !== null) {
      if (!isAbsolute(folder)) throw new AppError('invalid_request', `Give the sync folder as a full path, not "${folder}".`);
      const unavailable = await whyUnavailable(folder);
      if (unavailable) throw new AppError('invalid_request', unavailable);
    }
    if (folder !== this.deps.settings.get('syncFolder')) this.deps.ledger.forgetExports();
    this.deps.settings.set('syncFolder', folder);
    this.status = { state: 'never', message: null, lastSyncAt: null, skipped: [] };
    if (folder !== null) await this.sync();
    return this.overview();
  }

  rename(name: string): DevicesOverview {
    if (!name.trim() || name.trim().length > 80) throw new AppError('invalid_request', 'A device name is 1 to 80 characters.');
    this.deps.identity.rename(name);
    return this.overview();
  }

  /** Runs a pass now; while one runs, one more follows it (so rows finalized meanwhile go out too). */
  sync(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runPasses().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Resolves once no pass is running (for a host closing the core). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async runPasses(): Promise<SyncStatus> {
    do {
      this.again = false;
      const { status, added } = await this.pass().catch((error: unknown) => ({
        // Whatever went wrong (the database closed under a pass at shutdown, a settings read) is a status too.
        status: { state: 'failed' as const, message: `Sync stopped: ${describe(error)}.`, lastSyncAt: this.status.lastSyncAt, skipped: [] },
        added: 0,
      }));
      this.status = status;
      if (status.state !== 'off') this.deps.emit?.({ type: 'devices.synced', state: status.state, added });
    } while (this.again);
    return this.status;
  }

  private async pass(): Promise<{ status: SyncStatus; added: number }> {
    const folder = this.deps.settings.get('syncFolder');
    if (folder === null) return { status: { state: 'off', message: null, lastSyncAt: null, skipped: [] }, added: 0 };
    const previous = this.status.lastSyncAt;
    const unavailable = await whyUnavailable(folder);
    if (unavailable) return { status: { state: 'unavailable', message: unavailable, lastSyncAt: previous, skipped: [] }, added: 0 };
    const self = this.deps.identity.current();
    const problems: string[] = [];
    try {
      await this.exportOwn(folder, self);
    } catch (error) {
      problems.push(`This device's rows could not be written to the sync folder (${describe(error)}); they stay here and go out on the next sync.`);
    }
    let imported: ImportResult = { added: 0, skipped: [] };
    try {
      imported = await importOtherDevices(folder, self.id, this.deps.ledger, this.deps.registry, this.deps.clock(), this.imported);
    } catch (error) {
      problems.push(`Other devices' rows could not be read (${describe(error)}).`);
    }
    const { added, skipped } = imported;
    if (problems.length > 0) return { status: { state: 'failed', message: problems.join(' '), lastSyncAt: previous, skipped }, added };
    return { status: { state: 'ok', message: null, lastSyncAt: this.deps.clock(), skipped }, added };
  }

  private async exportOwn(folder: string, self: DeviceIdentity): Promise<void> {
    const rows = this.deps.ledger.unexportedRows();
    if (rows.length > 0) {
      const createdAt = this.deps.clock();
      await writeSegment(folder, { deviceId: self.id, deviceName: self.name, segmentId: this.deps.newId(), createdAt, rows });
      this.deps.ledger.markExported(
        rows.map((row) => row.requestId),
        createdAt,
      );
    }
    await compactOwnSegments(folder, self, this.deps.newId, this.deps.clock(), this.deps.compactAfterSegments ?? COMPACT_AFTER_SEGMENTS);
    await writeHeartbeat(
      folder,
      { deviceId: self.id, deviceName: self.name, writtenAt: this.deps.clock(), exportedRows: this.deps.ledger.exportedCount() },
      this.deps.newId(),
    );
  }
}

async function whyUnavailable(folder: string): Promise<string | undefined> {
  try {
    if ((await stat(folder)).isDirectory()) return undefined;
    return `The sync folder ${folder} is a file, not a folder. Choose a folder in Settings → Devices.`;
  } catch (error) {
    return `The sync folder ${folder} cannot be reached (${describe(error)}): is the drive connected? Chatting goes on; devices sync when it is back.`;
  }
}

function describe(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
}
