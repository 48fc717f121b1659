import { formatUsd, nanodollars } from './money';

/**
 * The bill check's figures as text, the same in the terminal and the window: every digit of a
 * difference that matters, trailing zeros past the cents dropped ("$0.0042", "$750.00").
 */
export function exactUsd(nanos: number): string {
  const text = formatUsd(nanodollars(nanos)).replace(/(\.\d{2}\d*?)0+$/, '$1');
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

/** "+$0.0002", "-$0.01", "$0.00" */
export function signedUsd(nanos: number): string {
  return nanos > 0 ? `+${exactUsd(nanos)}` : exactUsd(nanos);
}

/** Basis points (1/100 %) as a signed percentage with two decimals: 500 → "+5.00%", -667 → "-6.67%". */
export function percentOfBasisPoints(basisPoints: number): string {
  const sign = basisPoints > 0 ? '+' : basisPoints < 0 ? '-' : '';
  const abs = Math.abs(basisPoints);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** A threshold in basis points, unsigned: 200 → "2.00%". */
export function thresholdText(basisPoints: number): string {
  return percentOfBasisPoints(basisPoints).replace(/^\+/, '');
}
