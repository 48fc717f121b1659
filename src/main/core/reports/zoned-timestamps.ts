import { zoneOffsetMs } from '../time/zoned-calendar';

const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * The zone's offset at an instant, cached per quarter hour: asking Intl for every row of a
 * million-row export costs seconds, and offsets only change at transitions. A quarter hour is
 * cached only when its start and end agree, so a transition inside it is still computed exactly.
 */
export function offsetLookup(timeZone: string): (instantMs: number) => number {
  const cache = new Map<number, number>();
  return (instantMs) => {
    const quarter = Math.floor(instantMs / QUARTER_HOUR_MS);
    const cached = cache.get(quarter);
    if (cached !== undefined) return cached;
    const start = zoneOffsetMs(quarter * QUARTER_HOUR_MS, timeZone);
    const end = zoneOffsetMs((quarter + 1) * QUARTER_HOUR_MS - 1, timeZone);
    if (start !== end) return zoneOffsetMs(instantMs, timeZone);
    cache.set(quarter, start);
    return start;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO 8601 in the zone, with milliseconds and the offset: "2026-11-25T09:15:02.123+01:00". */
export function isoTimestampFormatter(timeZone: string): (instantMs: number) => string {
  const offsetAt = offsetLookup(timeZone);
  return (instantMs) => {
    const offset = offsetAt(instantMs);
    const local = new Date(instantMs + offset);
    const abs = Math.abs(offset) / 60_000;
    const sign = offset < 0 ? '-' : '+';
    return (
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  };
}
