import type { PeriodRequest, PeriodView } from '../../../shared/contract/spending-contract';
import { localDayKey, startOfLocalDay } from '../time/zoned-calendar';
import { addDays, daysBetween, daysInMonth, monthLabel, parseDayKey } from './local-days';

const DAY_MS = 86_400_000;

/**
 * A period resolved against now in the settings' time zone. Day-aligned periods (everything but
 * the last 24 h) read the daily rollup between `from` and `to`; the last 24 h reads the ledger's
 * indexed `started_at` range. `startMs`/`endMs` are the same period as instants, for the ledger.
 */
export interface ResolvedPeriod extends PeriodView {
  dayAligned: boolean;
}

export class InvalidPeriodError extends RangeError {}

export function resolvePeriod(request: PeriodRequest, now: number, timeZone: string): ResolvedPeriod {
  const today = localDayKey(now, timeZone);
  const days = (label: string, from: string | null, to: string | null): ResolvedPeriod => ({
    kind: request.kind,
    label,
    from,
    to,
    startMs: from === null ? null : dayStart(from, timeZone),
    endMs: to === null ? null : dayStart(addDays(to, 1), timeZone),
    timeZone,
    dayAligned: true,
  });
  switch (request.kind) {
    case '24h':
      // Rows that start at this very millisecond are in: the end is exclusive.
      return { kind: '24h', label: 'Last 24 hours', from: null, to: null, startMs: now - DAY_MS, endMs: now + 1, timeZone, dayAligned: false };
    case '7d':
      return days('Last 7 days', addDays(today, -6), today);
    case '30d':
      return days('Last 30 days', addDays(today, -29), today);
    case 'this-month':
      return monthPeriod(today.slice(0, 7), days);
    case 'last-month': {
      const { year, month } = parseDayKey(today);
      return monthPeriod(month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`, days);
    }
    case 'all':
      return days('All time', null, null);
    case 'custom':
      return customPeriod(request.from ?? null, request.to ?? null, days);
  }
}

function monthPeriod(month: string, days: (label: string, from: string, to: string) => ResolvedPeriod): ResolvedPeriod {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return days(monthLabel(month), `${month}-01`, `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`);
}

function customPeriod(
  from: string | null,
  to: string | null,
  days: (label: string, from: string | null, to: string | null) => ResolvedPeriod,
): ResolvedPeriod {
  try {
    if (from !== null) parseDayKey(from);
    if (to !== null) parseDayKey(to);
  } catch (error) {
    throw new InvalidPeriodError((error as Error).message);
  }
  if (from !== null && to !== null && daysBetween(from, to) < 0) {
    throw new InvalidPeriodError(`The period ends (${to}) before it starts (${from}).`);
  }
  const label = from === null && to === null ? 'All time' : from === null ? `Until ${to}` : to === null ? `Since ${from}` : from === to ? from : `${from} – ${to}`;
  return days(label, from, to);
}

function dayStart(key: string, timeZone: string): number {
  const { year, month, day } = parseDayKey(key);
  return startOfLocalDay(year, month, day, timeZone);
}
