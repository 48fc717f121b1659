import { zoneOffsetMs } from '../time/zoned-calendar';
import { ISO_TIME_FUNCTION } from './sql-names';

/** A stretch of time over which the zone's offset does not change. */
export interface OffsetSpan {
  fromMs: number;
  offsetMs: number;
}

const SAMPLE_MS = 12 * 3_600_000;

/**
 * The zone's offsets over [fromMs, toMs): sampled twice a day (transitions are months apart),
 * each change then found to the millisecond by bisection.
 */
export function offsetSpans(fromMs: number, toMs: number, timeZone: string): OffsetSpan[] {
  const spans: OffsetSpan[] = [{ fromMs, offsetMs: zoneOffsetMs(fromMs, timeZone) }];
  for (let at = fromMs; at < toMs; ) {
    const next = Math.min(at + SAMPLE_MS, toMs);
    const offset = zoneOffsetMs(next, timeZone);
    if (offset !== spans[spans.length - 1]!.offsetMs) {
      let before = at;
      let after = next;
      while (after - before > 1) {
        const mid = before + Math.floor((after - before) / 2);
        if (zoneOffsetMs(mid, timeZone) === offset) after = mid;
        else before = mid;
      }
      spans.push({ fromMs: after, offsetMs: offset });
    }
    at = next;
  }
  return spans;
}

function offsetText(offsetMs: number): string {
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${offsetMs < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export type TimestampSql = (x: string) => string;

/** ISO timestamps by the registered JavaScript function: exact anywhere, about 1 µs a call. */
export const functionTimestampSql: TimestampSql = (x) => `${ISO_TIME_FUNCTION}(${x}, @timeZone)`;

/**
 * ISO timestamps computed by SQLite over [fromMs, toMs) from the zone's offsets there (several
 * times faster than calling out to JavaScript), and by the registered function outside it. Its
 * parameters must be bound with the statement's.
 */
export function zonedTimestampSql(fromMs: number, toMs: number, timeZone: string): { sql: TimestampSql; params: Record<string, unknown> } {
  const spans = offsetSpans(fromMs, toMs, timeZone);
  const params: Record<string, unknown> = { isoFrom: fromMs, isoTo: toMs };
  const pick = (x: string, value: (i: number) => string) =>
    spans.length === 1
      ? value(0)
      : `CASE ${spans
          .slice(1)
          .map((span, i) => `WHEN ${x} < @isoSpan${i + 1} THEN ${value(i)}`)
          .join(' ')} ELSE ${value(spans.length - 1)} END`;
  spans.forEach((span, i) => {
    params[`isoSpan${i}`] = span.fromMs;
    // As BigInt so SQLite binds an INTEGER (a JS number binds as REAL, and the milliseconds would print as "0.0").
    params[`isoOffset${i}`] = BigInt(span.offsetMs);
    params[`isoOffsetText${i}`] = offsetText(span.offsetMs);
  });
  return {
    params,
    sql: (x) => {
      const local = `(${x} + ${pick(x, (i) => `@isoOffset${i}`)})`;
      return `CASE WHEN ${x} >= @isoFrom AND ${x} < @isoTo
        THEN replace(datetime(${local} / 1000, 'unixepoch'), ' ', 'T') || '.' || substr(1000 + ${local} % 1000, 2) || ${pick(x, (i) => `@isoOffsetText${i}`)}
        ELSE ${functionTimestampSql(x)} END`;
    },
  };
}
