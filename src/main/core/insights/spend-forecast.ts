import { nanodollars, sumNanodollars, type Nanodollars } from '../../../shared/money';
import { quartile } from './spend-quantiles';

export interface MonthForecast {
  /** Spent so far this month (the sum of the days given). */
  spent: Nanodollars;
  /** The month-end figure expected, and the range around it. */
  expected: Nanodollars;
  low: Nanodollars;
  high: Nanodollars;
  remainingDays: number;
}

/**
 * The month-end projection from this month's daily spend so far, today counted as a day:
 * spent + median daily spend × remaining days, with the range from the lower and upper quartile
 * of daily spend × remaining days. The median, not the mean, so one unusual day does not move
 * the whole forecast; the quartiles say how much the days vary. Integer nano-dollars throughout.
 */
export function forecastMonthEnd(dailySpend: readonly Nanodollars[], daysInMonth: number): MonthForecast {
  if (dailySpend.length === 0 || dailySpend.length > daysInMonth) {
    throw new RangeError(`a forecast needs 1 to ${daysInMonth} days of spend, got ${dailySpend.length}`);
  }
  const spent = sumNanodollars(dailySpend);
  const remainingDays = daysInMonth - dailySpend.length;
  const at = (quarter: 1 | 2 | 3) => nanodollars(spent + quartile(dailySpend, quarter) * remainingDays);
  return { spent, low: at(1), expected: at(2), high: at(3), remainingDays };
}
