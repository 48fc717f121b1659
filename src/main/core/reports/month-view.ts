import type { CapView } from '../../../shared/contract/chat-contract';
import type { MonthView } from '../../../shared/contract/spending-contract';
import type { Nanodollars } from '../../../shared/money';
import { wallClockAt, type MonthRange } from '../time/zoned-calendar';
import { daysInMonth, monthLabel } from './local-days';
import type { ReportDb } from './report-db';
import { resolvePeriod } from './report-period';
import { usageReaderFor } from './usage-readers';

/** The month as the budget service reads it: its range, what running requests hold, and each cap. */
export interface MonthBudget {
  range: MonthRange;
  reserved: Nanodollars;
  caps: CapView[];
  /** The month-end forecast's expected figure (src/main/core/insights/spend-forecast.ts). */
  projection: Nanodollars;
}

/**
 * The current calendar month in the settings' time zone: spent (from the rollup, which equals the
 * ledger sum the caps read), what running requests hold, the projection, and each cap.
 */
export function monthView(db: ReportDb, now: number, timeZone: string, budget: MonthBudget): MonthView {
  const { range, reserved, caps, projection } = budget;
  const spent = usageReaderFor(db, resolvePeriod({ kind: 'this-month' }, now, timeZone)).totals().cost;
  const today = wallClockAt(now, timeZone);
  const monthDays = daysInMonth(today.year, today.month);
  return {
    month: range.key,
    label: monthLabel(range.key),
    spentNanos: spent,
    reservedNanos: reserved,
    projectionNanos: projection,
    daysElapsed: today.day,
    daysInMonth: monthDays,
    caps,
  };
}
