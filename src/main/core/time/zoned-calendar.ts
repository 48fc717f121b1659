/**
 * Calendar arithmetic in the user's IANA time zone without a date library: budgets are per
 * calendar month and rollups per local day, and both must be right across DST changes and at
 * 23:59/00:00. Intl gives the wall-clock fields of an instant; the inverse (wall clock → instant)
 * is solved by correcting a UTC guess with the zone offset twice, which settles even on
 * transition days.
 */
export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(instantMs: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

/** Offset of the zone from UTC at an instant, in ms (UTC+2 → +7,200,000). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const w = wallClockAt(instantMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The first instant whose local wall clock reads year-month-day 00:00 (or later, if skipped). */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  let instant = guess - zoneOffsetMs(guess, timeZone);
  instant = guess - zoneOffsetMs(instant, timeZone);
  const target = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (localDayKey(instant, timeZone) === target) return instant;
  // Midnight itself was skipped by a DST change: the day starts at the transition, found by
  // bisecting the (at most few hours long) gap to the minute.
  let before = instant;
  let after = instant + 4 * 3600_000;
  while (after - before > 60_000) {
    const mid = before + Math.floor((after - before) / 120_000) * 60_000;
    if (localDayKey(mid, timeZone) === target) after = mid;
    else before = mid;
  }
  return after;
}

export interface MonthRange {
  /** "2026-11" */
  key: string;
  startMs: number;
  /** Exclusive: the start of the next month. */
  endMs: number;
}

export function monthRangeOf(year: number, month: number, timeZone: string): MonthRange {
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return {
    key: `${year}-${String(month).padStart(2, '0')}`,
    startMs: startOfLocalDay(year, month, 1, timeZone),
    endMs: startOfLocalDay(nextYear, nextMonth, 1, timeZone),
  };
}

export function monthRangeAt(instantMs: number, timeZone: string): MonthRange {
  const w = wallClockAt(instantMs, timeZone);
  return monthRangeOf(w.year, w.month, timeZone);
}

export function previousMonthRange(instantMs: number, timeZone: string): MonthRange {
  const w = wallClockAt(instantMs, timeZone);
  return w.month === 1 ? monthRangeOf(w.year - 1, 12, timeZone) : monthRangeOf(w.year, w.month - 1, timeZone);
}

/** "2026-11-25": the local calendar day an instant falls on. */
export function localDayKey(instantMs: number, timeZone: string): string {
  const w = wallClockAt(instantMs, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
