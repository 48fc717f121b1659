import { NANOS_PER_USD, formatUsd, nanodollars, parseUsd, roundHalfEven, type Nanodollars } from './money';

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

/** A display currency: a view of the USD ledger at a rate the user set (units per US dollar). */
export interface DisplayCurrency {
  code: string;
  usdRate: string;
}

/**
 * An amount in the display currency, converted exactly: nano-dollars × the rate (decimal text,
 * at most 9 places) in BigInt, half to even, then formatted as formatUsdForDisplay formats
 * dollars, with the currency's symbol, unambiguous where two share one ("€0.000345", "CN¥7.20"). Null means US dollars.
 */
export function formatMoneyForDisplay(value: Nanodollars, currency: DisplayCurrency | null): string {
  if (currency === null || currency.code === 'USD') return formatUsdForDisplay(value);
  const converted = nanodollars(roundHalfEven(BigInt(value) * BigInt(parseUsd(currency.usdRate)), BigInt(NANOS_PER_USD)));
  const usdText = formatUsdForDisplay(converted);
  const negative = usdText.startsWith('-');
  return `${negative ? '-' : ''}${currencySymbol(currency.code)}${usdText.slice(negative ? 2 : 1)}`;
}

const symbols = new Map<string, string>();

function currencySymbol(code: string): string {
  let symbol = symbols.get(code);
  if (symbol === undefined) {
    try {
      const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).formatToParts(0);
      symbol = parts.find((part) => part.type === 'currency')?.value ?? `${code} `;
    } catch {
      symbol = `${code} `;
    }
    symbols.set(code, symbol);
  }
  return symbol;
}
