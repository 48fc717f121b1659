import { nanodollars, roundHalfEven, type Nanodollars } from '../../../shared/money';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

export class AmountFormatError extends RangeError {}

/**
 * A vendor's decimal amount in whole nano-units, exactly: the digits are read as text and scaled
 * in BigInt, rounding half to even only past the ninth decimal of a dollar. `nanosPerUnit` is
 * 1e9 for dollars and 1e7 for cents (Anthropic's cost report gives cents as a decimal string).
 */
export function decimalToNanos(text: string, nanosPerUnit: bigint): Nanodollars {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new AmountFormatError(`not a decimal amount: "${text}"`);
  const fraction = m[3] ?? '';
  let mantissa = BigInt(`${m[2]}${fraction}`);
  let scale = fraction.length - Number(m[4] ?? '0');
  if (scale < 0) {
    mantissa *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const value = roundHalfEven(mantissa * nanosPerUnit, 10n ** BigInt(scale));
  return nanodollars(m[1] ? -value : value);
}

/** A JSON number of dollars: its shortest decimal text is what the vendor wrote. */
export function dollarNumberToNanos(value: number): Nanodollars {
  if (!Number.isFinite(value)) throw new AmountFormatError(`not a finite amount: ${value}`);
  return decimalToNanos(String(value), 1_000_000_000n);
}

export const NANOS_PER_DOLLAR = 1_000_000_000n;
export const NANOS_PER_CENT = 10_000_000n;
