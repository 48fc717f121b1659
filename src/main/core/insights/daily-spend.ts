import type Database from 'better-sqlite3';
import { nanodollars, type Nanodollars } from '../../../shared/money';
import { sumSpend } from '../ledger/ledger-sums';
import { rollupTimeZone } from '../ledger/usage-rollup';
import { addDays, parseDayKey } from '../reports/local-days';
import { startOfLocalDay } from '../time/zoned-calendar';

export interface SpendScope {
  providerId?: string;
  model?: string;
}

/**
 * What was spent on each local day from `fromDay` to `toDay` (inclusive, YYYY-MM-DD) in `timeZone`,
 * days without spend as 0, for every request or those of one provider or model (a cap's scope).
 * Each day is the ledger's sum as the caps read it (sumSpend), so a forecast or an alert never
 * disagrees with the month's figure. When the daily rollup's days are in this zone (the usual
 * case) they are those very sums, read in one grouped query instead of one sumSpend per day.
 */
export function dailySpend(sqlite: Database.Database, fromDay: string, toDay: string, timeZone: string, scope: SpendScope = {}): Nanodollars[] {
  const read = sqlite.transaction(() => (rollupTimeZone(sqlite) === timeZone ? fromRollup(sqlite, fromDay, toDay, scope) : dayByDay(sqlite, fromDay, toDay, timeZone, scope)));
  return read.deferred();
}

function fromRollup(sqlite: Database.Database, fromDay: string, toDay: string, scope: SpendScope): Nanodollars[] {
  const where = ['day >= @fromDay', 'day <= @toDay'];
  if (scope.providerId !== undefined) where.push('provider_id = @providerId');
  if (scope.model !== undefined) where.push('model = @model');
  const rows = sqlite
    .prepare<Record<string, string>, { day: string; spent: number }>(
      `SELECT day, COALESCE(SUM(cost_usd_nanos), 0) AS spent FROM usage_daily_rollup WHERE ${where.join(' AND ')} GROUP BY day`,
    )
    .all({ fromDay, toDay, ...scope });
  const byDay = new Map(rows.map((row) => [row.day, row.spent]));
  const days: Nanodollars[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) days.push(nanodollars(byDay.get(day) ?? 0));
  return days;
}

function dayByDay(sqlite: Database.Database, fromDay: string, toDay: string, timeZone: string, scope: SpendScope): Nanodollars[] {
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
