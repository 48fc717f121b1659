import { existsSync } from 'node:fs';
import { databaseFile } from '../db/default-data-dir';
import { openRowSql } from '../ledger/status-sql';
import { ProviderResolver } from '../provider-config/provider-resolver';
import { ProviderStore } from '../provider-config/provider-store';
import { openReadOnlyReportDb, type ReportDb } from '../reports/report-db';
import type { ProviderNames } from '../reports/report-rows';
import type { SecretStore } from '../secrets/secret-store';
import { SettingsStore } from '../settings/settings-store';

/** What a per-request report reads: the ledger, the time zone its times are written in, the providers' names. */
export interface ReportReader {
  db: ReportDb;
  /** The file `db` reads, for a second connection to it (an export's second thread). */
  file: string;
  timeZone: string;
  providerName: ProviderNames;
  close(): void;
}

/**
 * A composition root of its own for a one-shot per-request report (`tallychat report`): the
 * ledger over a read-only connection, the settings and the providers' names, and nothing else of
 * the core (the chat, the providers' clients and the price catalog, about 50 MB a report has no
 * use for). Only when the report needs nothing written first, so that it reads exactly what it
 * would read after the core's start-up: the schema is current (nothing to migrate) and no request
 * is left open (nothing to recover into a final row). Otherwise, or when the ledger cannot be
 * opened read-only at all, undefined: the caller opens the core, which migrates, recovers, and
 * reports a ledger it cannot open in its own words.
 */
export function openReportReader(dataDir: string, secrets: SecretStore): ReportReader | undefined {
  const file = databaseFile(dataDir);
  if (!existsSync(file)) return undefined;
  let reader: ReturnType<typeof openReadOnlyReportDb>;
  try {
    reader = openReadOnlyReportDb(file);
  } catch {
    return undefined;
  }
  const { sqlite, pendingMigrations } = reader.store;
  if (pendingMigrations > 0 || sqlite.prepare(`SELECT 1 FROM requests WHERE ${openRowSql()} LIMIT 1`).get() !== undefined) {
    reader.close();
    return undefined;
  }
  const resolver = new ProviderResolver(new ProviderStore(sqlite), secrets);
  return {
    db: reader.db,
    file,
    timeZone: new SettingsStore(sqlite).get('timeZone'),
    providerName: (id) => resolver.nameOf(id),
    close: () => reader.close(),
  };
}
