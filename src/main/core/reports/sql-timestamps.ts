import { zoneOffsetMs } from '../time/zoned-calendar';
import { ISO_TIME_FUNCTION } from './iso-time-function';

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
 * times faster than calling out to JavaScript), and by the registered function outside it. Each
 * offset span is one strftime whose format already holds the offset's text, picked by one CASE:
 * a million-row export evaluates this twice a row. strftime's 'unixepoch' rounds the seconds to
 * the millisecond, which is exact for whole milliseconds (a test sweeps DST changes against the
 * JavaScript formatter). Its parameters must be bound with the statement's.
 */
export function zonedTimestampSql(fromMs: number, toMs: number, timeZone: string): { sql: TimestampSql; params: Record<string, unknown> } {
  const spans = offsetSpans(fromMs, toMs, timeZone);
  const params: Record<string, unknown> = { isoFrom: fromMs, isoTo: toMs };
  spans.forEach((span, i) => (params[`isoSpan${i}`] = span.fromMs));
  const local = (x: string, i: number) => {
    const span = spans[i]!;
    // Offsets are whole minutes and the text is built from digits: safe to write into the SQL.
    return `strftime('%Y-%m-%dT%H:%M:%f${offsetText(span.offsetMs)}', (${x} + ${span.offsetMs}) / 1000.0, 'unixepoch')`;
  };
  const pick = (x: string) =>
    spans.length === 1
      ? local(x, 0)
      : `CASE ${spans
          .slice(1)
          .map((_, i) => `WHEN ${x} < @isoSpan${i + 1} THEN ${local(x, i)}`)
          .join(' ')} ELSE ${local(x, spans.length - 1)} END`;
  return {
    params,
    sql: (x) => `CASE WHEN ${x} >= @isoFrom AND ${x} < @isoTo THEN ${pick(x)} ELSE ${functionTimestampSql(x)} END`,
  };
}
