import type Database from 'better-sqlite3';
import { isoTimestampFormatter } from './zoned-timestamps';

/** The SQL function every report connection has: ISO 8601 with the offset, in a zone. */
export const ISO_TIME_FUNCTION = 'tallychat_iso_time';

/** Registers ISO_TIME_FUNCTION on a connection, one formatter per zone it is asked for. */
export function registerIsoTimeFunction(sqlite: Database.Database): void {
  const formatters = new Map<string, (instantMs: number) => string>();
  sqlite.function(ISO_TIME_FUNCTION, { deterministic: true }, (instantMs: unknown, timeZone: unknown) => {
    const zone = String(timeZone);
    let format = formatters.get(zone);
    if (!format) formatters.set(zone, (format = isoTimestampFormatter(zone)));
    return format(Number(instantMs));
  });
}
