import { describe, expect, it } from 'vitest';
import { judgeDay } from '../../src/main/core/insights/spend-anomaly';
import { forecastMonthEnd } from '../../src/main/core/insights/spend-forecast';
import { quartile } from '../../src/main/core/insights/spend-quantiles';
import { nanodollars, type Nanodollars } from '../../src/shared/money';

const n = (values: number[]): Nanodollars[] => values.map((v) => nanodollars(v));

describe('the month-end forecast', () => {
  it('quartiles interpolate between neighbours and round half to even, in whole nano-dollars', () => {
    const days = n([1, 2, 3, 4]);
    // Positions 0.75, 1.5, 2.25: 1.75 → 2, 2.5 → 2 (even), 3.25 → 3.
    expect([quartile(days, 1), quartile(days, 2), quartile(days, 3)]).toEqual([2, 2, 3]);
    expect([quartile(n([7]), 1), quartile(n([7]), 2), quartile(n([7]), 3)]).toEqual([7, 7, 7]);
  });

  it('is spent so far plus the median day for each day left, the range from the quartiles', () => {
    // Ten days of a 30-day month; sorted: 0 0 1 1 1 1 2 2 2 9 (USD cents as units of 10,000,000).
    const cents = [1, 0, 2, 1, 9, 1, 2, 0, 1, 2].map((c) => c * 10_000_000);
    const forecast = forecastMonthEnd(n(cents), 30);
    expect(forecast).toEqual({
      spent: 190_000_000,
      remainingDays: 20,
      // Lower quartile at 2.25 → 1 cent; median at 4.5 → 1 cent; upper quartile at 6.75 → 2 cents.
      low: 190_000_000 + 20 * 10_000_000,
      expected: 190_000_000 + 20 * 10_000_000,
      high: 190_000_000 + 20 * 20_000_000,
    });
  });

  it('on the month\'s last day is what was spent', () => {
    const days = n(Array.from({ length: 31 }, (_, i) => i * 1000));
    const forecast = forecastMonthEnd(days, 31);
    expect([forecast.low, forecast.expected, forecast.high]).toEqual([465_000, 465_000, 465_000]);
  });

  it('refuses more days than the month has', () => {
    expect(() => forecastMonthEnd(n([1, 2]), 1)).toThrow(RangeError);
  });
});

describe('an unusual day', () => {
  const usual = n([10, 10, 0, 10, 12, 8, 10, 10, 0, 10, 10, 11, 9, 10]);
  it('is one more than 3x the median of the 14 days before', () => {
    expect(judgeDay(nanodollars(30), usual)).toEqual({ anomalous: false, median: 10 });
    expect(judgeDay(nanodollars(31), usual)).toEqual({ anomalous: true, median: 10 });
  });
  it('is never called so against a median of 0', () => {
    expect(judgeDay(nanodollars(1_000_000), n(Array.from({ length: 14 }, () => 0)))).toEqual({ anomalous: false, median: 0 });
  });
});
