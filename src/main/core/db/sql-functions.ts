import type Database from 'better-sqlite3';
import { isValidTimeZone, localDayKey, systemTimeZone } from '../time/zoned-calendar';

/**
 * Functions the migrations may call, registered on every connection before it migrates: SQL
 * alone cannot place an instant on a local day in an IANA time zone, and a backfill of the
 * daily rollup must (drizzle/0005_backfill_rollups.sql), and record the zone it used (0006).
 */
export function registerSqlFunctions(sqlite: Database.Database): void {
  // A missing or unusable zone reads as the system's, as the settings store reads it.
  const zoneOf = (setting: unknown): string => (typeof setting === 'string' && isValidTimeZone(setting) ? setting : systemTimeZone());
  sqlite.function('tallychat_local_day', { deterministic: true }, (instantMs: unknown, timeZone: unknown) => localDayKey(Number(instantMs), zoneOf(timeZone)));
  sqlite.function('tallychat_time_zone', { deterministic: true }, (timeZone: unknown) => zoneOf(timeZone));
}
