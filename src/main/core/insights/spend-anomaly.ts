import type { Nanodollars } from '../../../shared/money';
import { quartile } from './spend-quantiles';

/** How many days before today make "the usual", and how far above it a day must go to be unusual. */
export const TRAILING_DAYS = 14;
export const ANOMALY_FACTOR = 3;

export interface DayVerdict {
  anomalous: boolean;
  /** The median of the trailing days (days without spend count as 0). */
  median: Nanodollars;
}

/**
 * A day's spend is unusual when it is more than ANOMALY_FACTOR × the median of the TRAILING_DAYS
 * before it. A median of 0 (mostly idle days, or a new ledger) gives no "usual" to compare with:
 * no day is called unusual against it, or a first day of use would be.
 */
export function judgeDay(today: Nanodollars, trailing: readonly Nanodollars[]): DayVerdict {
  if (trailing.length !== TRAILING_DAYS) throw new RangeError(`judging a day needs the ${TRAILING_DAYS} days before it, got ${trailing.length}`);
  const median = quartile(trailing, 2);
  return { anomalous: median > 0 && today > median * ANOMALY_FACTOR, median };
}
