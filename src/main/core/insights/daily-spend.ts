import type Database from 'better-sqlite3';
import type { Nanodollars } from '../../../shared/money';
import { sumSpend } from '../ledger/ledger-sums';
import { addDays, parseDayKey } from '../reports/local-days';
import { startOfLocalDay } from '../time/zoned-calendar';

/**
 * What was spent on each local day from `fromDay` to `toDay` (inclusive, YYYY-MM-DD) in `timeZone`,
 * days without spend as 0, for every request or those of one provider or model (a cap's scope). Each day is the ledger's sum as the caps read it (sumSpend), so a
 * forecast or an alert never disagrees with the month's figure.
 */
export function dailySpend(
  sqlite: Database.Database,
  fromDay: string,
  toDay: string,
  timeZone: string,
  scope: { providerId?: string; model?: string } = {},
): Nanodollars[] {
  const days: Nanodollars[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    days.push(sumSpend(sqlite, { startMs: dayStart(day, timeZone), endMs: dayStart(addDays(day, 1), timeZone), ...scope }).spent);
  }
  return days;
}

function dayStart(day: string, timeZone: string): number {
  const { year, month, day: date } = parseDayKey(day);
  return startOfLocalDay(year, month, date, timeZone);
}
