import { describe, expect, it } from 'vitest';
import {
  localDayKey,
  monthRangeAt,
  monthRangeOf,
  previousMonthRange,
  startOfLocalDay,
  wallClockAt,
} from '../../src/main/core/time/zoned-calendar';

const iso = (ms: number) => new Date(ms).toISOString();

describe('zoned calendar', () => {
  it('puts a request at 23:30 local on the last day of a month in that month', () => {
    // 2026-01-31 23:30 in New York (UTC-5) is 2026-02-01 04:30 UTC.
    const instant = Date.parse('2026-02-01T04:30:00Z');
    expect(monthRangeAt(instant, 'America/New_York').key).toBe('2026-01');
    expect(monthRangeAt(instant, 'UTC').key).toBe('2026-02');
    expect(localDayKey(instant, 'America/New_York')).toBe('2026-01-31');
  });

  it('switches month exactly at local midnight: 23:59:59.999 vs 00:00', () => {
    const range = monthRangeOf(2026, 3, 'Europe/Berlin');
    expect(iso(range.startMs)).toBe('2026-02-28T23:00:00.000Z'); // CET, UTC+1
    expect(iso(range.endMs)).toBe('2026-03-31T22:00:00.000Z'); // CEST after the 29 March change
    expect(monthRangeAt(range.endMs - 1, 'Europe/Berlin').key).toBe('2026-03');
    expect(monthRangeAt(range.endMs, 'Europe/Berlin').key).toBe('2026-04');
    expect(wallClockAt(range.endMs, 'Europe/Berlin')).toEqual({ year: 2026, month: 4, day: 1, hour: 0, minute: 0, second: 0 });
  });

  it('handles months that contain a DST change in both directions', () => {
    const march = monthRangeOf(2026, 3, 'America/New_York');
    expect(iso(march.startMs)).toBe('2026-03-01T05:00:00.000Z');
    expect(iso(march.endMs)).toBe('2026-04-01T04:00:00.000Z');
    expect(march.endMs - march.startMs).toBe((31 * 24 - 1) * 3600_000); // one hour shorter
    const november = monthRangeOf(2026, 11, 'America/New_York');
    expect(november.endMs - november.startMs).toBe((30 * 24 + 1) * 3600_000); // one hour longer
  });

  it('finds local midnight in zones with half-hour offsets and across the year end', () => {
    expect(iso(startOfLocalDay(2026, 1, 1, 'Asia/Kolkata'))).toBe('2025-12-31T18:30:00.000Z');
    expect(monthRangeOf(2026, 12, 'Asia/Kolkata').key).toBe('2026-12');
    expect(iso(monthRangeOf(2026, 12, 'UTC').endMs)).toBe('2027-01-01T00:00:00.000Z');
    expect(previousMonthRange(Date.parse('2026-01-10T00:00:00Z'), 'UTC').key).toBe('2025-12');
  });

  it('a zone whose midnight is skipped by DST starts the day at the first valid instant', () => {
    // Chile moves clocks from 00:00 to 01:00 on 2026-09-06: that day begins at 01:00 local (04:00 UTC).
    const start = startOfLocalDay(2026, 9, 6, 'America/Santiago');
    expect(localDayKey(start, 'America/Santiago')).toBe('2026-09-06');
    expect(localDayKey(start - 1, 'America/Santiago')).toBe('2026-09-05');
  });
});
