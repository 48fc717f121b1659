import { formatUsd, type Nanodollars } from './money';

/**
 * Dollars for people: cents for amounts of a dollar or more, more places below that so a
 * USD 0.000375 message does not read as USD 0.00. Exact (from integers), never a float format.
 * Trailing zeros past the second decimal are dropped.
 */
export function formatUsdForDisplay(value: Nanodollars): string {
  const abs = Math.abs(value);
  const places = abs >= 1_000_000_000 ? 2 : abs >= 10_000_000 ? 4 : 6;
  const text = formatUsd(value, places).replace(/(\.\d{2}\d*?)0+$/, '$1');
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}
