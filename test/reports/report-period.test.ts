import { describe, expect, it } from 'vitest';
import { InvalidPeriodError, resolvePeriod } from '../../src/main/core/reports/report-period';
import { slotsOf } from '../../src/main/core/reports/time-slots';
import { isoTimestampFormatter, offsetLookup } from '../../src/main/core/reports/zoned-timestamps';
import { zoneOffsetMs } from '../../src/main/core/time/zoned-calendar';

const BERLIN = 'Europe/Berlin';
// 2026-11-20 12:00 in Berlin (UTC+1).
const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);

describe('period resolution in the settings’ time zone', () => {
  it('this month and last month are whole local calendar months', () => {
    expect(resolvePeriod({ kind: 'this-month' }, NOW, BERLIN)).toMatchObject({
      label: 'November 2026',
      from: '2026-11-01',
      to: '2026-11-30',
      startMs: Date.UTC(2026, 9, 31, 23, 0), // midnight in Berlin, UTC+1
      endMs: Date.UTC(2026, 10, 30, 23, 0),
      dayAligned: true,
    });
    // October 2026 starts in summer time (UTC+2) and ends in winter time (UTC+1).
    expect(resolvePeriod({ kind: 'last-month' }, NOW, BERLIN)).toMatchObject({
      label: 'October 2026',
      from: '2026-10-01',
      to: '2026-10-31',
      startMs: Date.UTC(2026, 8, 30, 22, 0),
      endMs: Date.UTC(2026, 9, 31, 23, 0),
    });
  });

  it('last month of January is the previous December', () => {
    expect(resolvePeriod({ kind: 'last-month' }, Date.UTC(2027, 0, 10), BERLIN)).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('7 and 30 days are today and the days before, whole local days', () => {
    expect(resolvePeriod({ kind: '7d' }, NOW, BERLIN)).toMatchObject({ label: 'Last 7 days', from: '2026-11-14', to: '2026-11-20' });
    expect(resolvePeriod({ kind: '30d' }, NOW, BERLIN)).toMatchObject({ from: '2026-10-22', to: '2026-11-20' });
  });

  it('"today" is the local date: 00:30 in Berlin is still the previous day in UTC', () => {
    const justAfterMidnight = Date.UTC(2026, 10, 19, 23, 30);
    expect(resolvePeriod({ kind: '7d' }, justAfterMidnight, BERLIN).to).toBe('2026-11-20');
    expect(resolvePeriod({ kind: '7d' }, justAfterMidnight, 'UTC').to).toBe('2026-11-19');
  });

  it('the last 24 hours are instants, read from the ledger, including a row started this millisecond', () => {
    expect(resolvePeriod({ kind: '24h' }, NOW, BERLIN)).toMatchObject({
      label: 'Last 24 hours',
      from: null,
      to: null,
      startMs: NOW - 86_400_000,
      endMs: NOW + 1,
      dayAligned: false,
    });
  });

  it('all time has no bounds; a custom range includes its last day', () => {
    expect(resolvePeriod({ kind: 'all' }, NOW, BERLIN)).toMatchObject({ from: null, to: null, startMs: null, endMs: null, dayAligned: true });
    const custom = resolvePeriod({ kind: 'custom', from: '2026-10-25', to: '2026-10-25' }, NOW, BERLIN);
    // October 25 2026 is the 25-hour day when Berlin leaves summer time.
    expect(custom).toMatchObject({ label: '2026-10-25', startMs: Date.UTC(2026, 9, 24, 22), endMs: Date.UTC(2026, 9, 25, 23) });
    expect(custom.endMs! - custom.startMs!).toBe(25 * 3_600_000);
    expect(resolvePeriod({ kind: 'custom', from: '2026-11-01' }, NOW, BERLIN)).toMatchObject({ label: 'Since 2026-11-01', to: null, endMs: null });
  });

  it('refuses impossible dates and a range that ends before it starts, with a message to act on', () => {
    expect(() => resolvePeriod({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' }, NOW, BERLIN)).toThrow(
      new InvalidPeriodError('2026-02-30 is not a day of the calendar'),
    );
    expect(() => resolvePeriod({ kind: 'custom', from: '2026-11-10', to: '2026-11-01' }, NOW, BERLIN)).toThrow(
      'The period ends (2026-11-01) before it starts (2026-11-10).',
    );
    expect(() => resolvePeriod({ kind: 'custom', from: '11/10/2026' }, NOW, BERLIN)).toThrow(
      '"11/10/2026" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25',
    );
  });
});

describe('local time slots and timestamps', () => {
  it('hour slots of the last 24 h follow the local clock through the DST change', () => {
    const end = Date.UTC(2026, 9, 25, 12, 0); // 13:00 winter time on the 25-hour day
    const slots = slotsOf('hour', end - 86_400_000, end + 1, BERLIN);
    expect(slots).toHaveLength(25);
    expect(slots.slice(11, 15).map((s) => s.label)).toEqual(['01:00', '02:00', '02:00', '03:00']);
    expect(slots[0]).toMatchObject({ label: '14:00', startMs: end - 86_400_000 });
  });

  it('day slots start at local midnight and the first is cut to the period', () => {
    const start = Date.UTC(2026, 10, 19, 11, 0);
    expect(slotsOf('day', start, start + 86_400_000 + 1, BERLIN)).toEqual([
      { key: '2026-11-19', label: 'Nov 19', startMs: start },
      { key: '2026-11-20', label: 'Nov 20', startMs: Date.UTC(2026, 10, 19, 23, 0) },
    ]);
  });

  it('ISO 8601 with milliseconds and the offset in force at that instant', () => {
    const iso = isoTimestampFormatter(BERLIN);
    expect(iso(Date.UTC(2026, 10, 25, 8, 15, 2, 123))).toBe('2026-11-25T09:15:02.123+01:00');
    expect(iso(Date.UTC(2026, 6, 1, 21, 30, 0, 0))).toBe('2026-07-01T23:30:00.000+02:00');
    expect(isoTimestampFormatter('America/St_Johns')(Date.UTC(2026, 0, 1, 3, 0, 0, 5))).toBe('2025-12-31T23:30:00.005-03:30');
    expect(isoTimestampFormatter('Asia/Kathmandu')(Date.UTC(2026, 0, 1, 0, 0))).toBe('2026-01-01T05:45:00.000+05:45');
  });

  it('the cached offset equals Intl’s at every minute around transitions', () => {
    for (const zone of [BERLIN, 'America/New_York', 'Australia/Lord_Howe']) {
      const offsetAt = offsetLookup(zone);
      for (const [y, m, d] of [[2026, 10, 25], [2026, 11, 1], [2026, 4, 5], [2026, 3, 29]] as const) {
        const day = Date.UTC(y, m - 1, d) - 12 * 3_600_000;
        for (let t = day; t < day + 48 * 3_600_000; t += 60_000 + 7) expect(offsetAt(t)).toBe(zoneOffsetMs(t, zone));
      }
    }
  });
});
