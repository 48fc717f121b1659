/**
 * Local calendar dates as "YYYY-MM-DD" keys: the rollup's day column, `--from`/`--to`, custom
 * ranges. Date arithmetic on the proleptic Gregorian calendar only (no zone needed); turning a
 * date into an instant goes through zoned-calendar's startOfLocalDay.
 */
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export class InvalidDateError extends RangeError {}

export function parseDayKey(key: string): LocalDate {
  const m = DAY_KEY.exec(key);
  if (!m) throw new InvalidDateError(`"${key}" is not a date: write it as YYYY-MM-DD, e.g. 2026-11-25`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    throw new InvalidDateError(`${key} is not a day of the calendar`);
  }
  return date;
}

function dayKey(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(key: string, days: number): string {
  const { year, month, day } = parseDayKey(key);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY);
  return dayKey({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parseDayKey(from);
  const b = parseDayKey(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / MS_PER_DAY);
}

/** "2026-11" → "2026-12" */
export function nextMonthKey(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-11" → "November 2026" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** "2026-11-25" → "Nov 25" */
export function shortDayLabel(key: string): string {
  const { month, day } = parseDayKey(key);
  return `${MONTH_NAMES[month - 1]!.slice(0, 3)} ${day}`;
}
