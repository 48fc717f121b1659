/**
 * Money is integer nano-dollars (1 USD = 1,000,000,000). Floats never hold money: they cannot
 * represent USD 0.01875/MTok exactly and their sums drift. A safe-integer number holds up to
 * ~USD 9,007,199, far past any personal ledger; products that pass 2^53 are done in BigInt.
 */
declare const nanodollarsBrand: unique symbol;
export type Nanodollars = number & { readonly [nanodollarsBrand]: true };

/** A unit price: nano-dollars per million tokens (USD 2.50/MTok = 2_500_000_000). */
declare const pricePerMTokBrand: unique symbol;
export type NanodollarsPerMTok = number & { readonly [pricePerMTokBrand]: true };

/** A per-call price: nano-dollars per call (a request fee of USD 0.012 = 12_000_000). */
declare const pricePerCallBrand: unique symbol;
export type NanodollarsPerCall = number & { readonly [pricePerCallBrand]: true };

export const NANOS_PER_USD = 1_000_000_000;

export class MoneyRangeError extends RangeError {}

export function nanodollars(value: number | bigint): Nanodollars {
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (!Number.isSafeInteger(n) || (typeof value === 'bigint' && BigInt(n) !== value)) {
    throw new MoneyRangeError(`not a whole, safe number of nano-dollars: ${String(value)}`);
  }
  return n as Nanodollars;
}

export function pricePerMTok(value: number | bigint): NanodollarsPerMTok {
  return nanodollars(value) as number as NanodollarsPerMTok;
}

export function pricePerCall(value: number | bigint): NanodollarsPerCall {
  return nanodollars(value) as number as NanodollarsPerCall;
}

export function addNanodollars(a: Nanodollars, b: Nanodollars): Nanodollars {
  return nanodollars(a + b);
}

export function sumNanodollars(values: Iterable<Nanodollars>): Nanodollars {
  let total = 0;
  for (const v of values) total += v;
  return nanodollars(total);
}

const DECIMAL_USD = /^(-)?(\d+)(?:\.(\d{1,9}))?$/;

/**
 * Parses a decimal dollar string ("2.5", "0.01875", "-3") exactly. Text, not a float, is the
 * input: the price catalog and the CLI both hand over decimal text, and converting once here
 * keeps every later step in integers.
 */
export function parseUsd(text: string): Nanodollars {
  const m = DECIMAL_USD.exec(text.trim());
  if (!m) throw new MoneyRangeError(`not a dollar amount with at most 9 decimals: "${text}"`);
  const whole = BigInt(m[2]!);
  const frac = BigInt((m[3] ?? '').padEnd(9, '0'));
  const value = whole * 1_000_000_000n + frac;
  return nanodollars(m[1] ? -value : value);
}

/**
 * The bound on an amount a person types (a monthly cap, a price per MTok): below USD 9,000,000.
 * parseUsd alone stops at the safe-integer limit, ~USD 9,007,199.25, which no message names.
 */
export const MAX_ENTERED_USD = 9_000_000;

/** parseUsd, refusing an amount that is not below MAX_ENTERED_USD (either sign). */
export function parseEnteredUsd(text: string): Nanodollars {
  const value = parseUsd(text);
  if (Math.abs(value) >= MAX_ENTERED_USD * NANOS_PER_USD) {
    throw new MoneyRangeError(`not below ${MAX_ENTERED_USD.toLocaleString('en-US')} dollars: "${text}"`);
  }
  return value;
}

/** Like parseUsd, but for a number the caller got from JSON: its shortest decimal text is exact. */
export function usdNumberToNanodollars(value: number): Nanodollars {
  if (!Number.isFinite(value)) throw new MoneyRangeError(`not a finite dollar amount: ${value}`);
  const text = value.toString();
  if (/e/i.test(text)) return parseUsd(value.toFixed(9));
  return parseUsd(text);
}

/** Exact decimal dollars with a fixed number of places (default 9): no float formatting. */
export function formatUsd(value: Nanodollars, places = 9): string {
  if (!Number.isInteger(places) || places < 0 || places > 9) {
    throw new RangeError(`places must be 0..9, got ${places}`);
  }
  const negative = value < 0;
  let abs = BigInt(Math.abs(value));
  const drop = 9 - places;
  if (drop > 0) abs = roundHalfEven(abs, 10n ** BigInt(drop));
  const digits = abs.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  const sign = negative && abs !== 0n ? '-' : '';
  return places === 0 ? `${sign}${whole}` : `${sign}${whole}.${frac}`;
}

/** Divides a non-negative BigInt, rounding half to even (banker's rounding). */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator < 0n) return -roundHalfEven(-numerator, denominator);
  const q = numerator / denominator;
  const r = numerator % denominator;
  const twice = r * 2n;
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) return q + 1n;
  return q;
}

/** tokens × (nano-dollars per MTok) / 1,000,000, half-to-even, in BigInt (the product passes 2^53). */
export function costOfTokens(tokens: number, price: NanodollarsPerMTok): Nanodollars {
  if (!Number.isSafeInteger(tokens) || tokens < 0) throw new RangeError(`bad token count ${tokens}`);
  return nanodollars(roundHalfEven(BigInt(tokens) * BigInt(price), 1_000_000n));
}

/** calls × (nano-dollars per call), in BigInt like costOfTokens: a fee is whole nano-dollars already. */
export function costOfCalls(calls: number, price: NanodollarsPerCall): Nanodollars {
  if (!Number.isSafeInteger(calls) || calls < 0) throw new RangeError(`bad call count ${calls}`);
  return nanodollars(BigInt(calls) * BigInt(price));
}
