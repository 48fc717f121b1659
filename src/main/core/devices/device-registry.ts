import type Database from 'better-sqlite3';

export interface SeenDevice {
  deviceId: string;
  name: string;
  lastSeenAt: number | null;
  announcedRows: number;
  importedAt: number | null;
}

/** The other devices this one has met in the sync folder, and when their data was last seen. */
export class DeviceRegistry {
  private readonly upsert;

  constructor(private readonly sqlite: Database.Database) {
    // Times only move forward: an old conflicted copy of a heartbeat cannot make a device look older.
    this.upsert = sqlite.prepare(`
      INSERT INTO sync_devices (device_id, name, last_seen_at, announced_rows, imported_at)
      VALUES (@deviceId, @name, @lastSeenAt, @announcedRows, @importedAt)
      ON CONFLICT (device_id) DO UPDATE SET
        name = CASE WHEN excluded.last_seen_at >= COALESCE(last_seen_at, excluded.last_seen_at) THEN excluded.name ELSE name END,
        last_seen_at = MAX(COALESCE(last_seen_at, excluded.last_seen_at), COALESCE(excluded.last_seen_at, last_seen_at)),
        announced_rows = MAX(announced_rows, excluded.announced_rows),
        imported_at = excluded.imported_at`);
  }

  record(device: SeenDevice): void {
    this.upsert.run(device);
  }

  list(): SeenDevice[] {
    return this.sqlite
      .prepare(
        `SELECT device_id AS deviceId, name, last_seen_at AS lastSeenAt, announced_rows AS announcedRows, imported_at AS importedAt
         FROM sync_devices ORDER BY name COLLATE NOCASE, device_id`,
      )
      .all() as SeenDevice[];
  }
}
