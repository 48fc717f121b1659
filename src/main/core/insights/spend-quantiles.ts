import { nanodollars, roundHalfEven, type Nanodollars } from '../../../shared/money';

/**
 * The value at `quarter`/4 of the way through the sorted amounts (1 = lower quartile, 2 = median,
 * 3 = upper quartile), interpolated linearly between the two neighbours (the usual "type 7"
 * definition, as spreadsheets compute it) and rounded half to even to a whole nano-dollar in
 * BigInt, so the same days always give the same figure.
 */
export function quartile(amounts: readonly Nanodollars[], quarter: 1 | 2 | 3): Nanodollars {
  if (amounts.length === 0) throw new RangeError('a quartile of no amounts');
  const sorted = [...amounts].sort((a, b) => a - b);
  // Position quarter × (n − 1) / 4 in the sorted list, kept in quarters to stay whole.
  const quarters = quarter * (sorted.length - 1);
  const below = Math.floor(quarters / 4);
  const fraction = BigInt(quarters % 4);
  const low = BigInt(sorted[below]!);
  const high = BigInt(sorted[Math.min(below + 1, sorted.length - 1)]!);
  return nanodollars(roundHalfEven(low * 4n + (high - low) * fraction, 4n));
}
