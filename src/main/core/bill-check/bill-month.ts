import { daysInMonth, monthLabel } from '../reports/local-days';

const MS_PER_DAY = 86_400_000;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;

/** A month as the vendors bill it: its UTC days, from the first to the last (or to today). */
export interface BillMonth {
  key: string;
  label: string;
  startMs: number;
  endMs: number;
  /** The end of today (UTC): a fetch asks for nothing later, and days after it are not listed. */
  coveredEndMs: number;
  days: { day: string; startMs: number }[];
}

export class InvalidMonthError extends RangeError {}

export function billMonth(key: string, now: number): BillMonth {
  const m = MONTH_KEY.exec(key);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new InvalidMonthError(`"${key}" is not a month: write it as YYYY-MM, e.g. 2026-11`);
  const startMs = Date.UTC(year, month - 1, 1);
  const endMs = startMs + daysInMonth(year, month) * MS_PER_DAY;
  if (startMs > now) throw new InvalidMonthError(`${monthLabel(key)} has not begun: nothing is billed for it yet`);
  const coveredEndMs = Math.floor(now / MS_PER_DAY) * MS_PER_DAY + MS_PER_DAY;
  const days: { day: string; startMs: number }[] = [];
  for (let t = startMs; t < Math.min(endMs, coveredEndMs); t += MS_PER_DAY) days.push({ day: new Date(t).toISOString().slice(0, 10), startMs: t });
  return { key, label: monthLabel(key), startMs, endMs, coveredEndMs, days };
}
