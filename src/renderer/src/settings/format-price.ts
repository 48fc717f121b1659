import { formatUsd, nanodollars } from '../../../shared/money';

/**
 * A unit price exactly as main sent it (nano-dollars per million tokens): "$0.01875 / MTok",
 * never rounded to cents. Formatting only: the amount is not computed here.
 */
export function formatPerMTok(nanosPerMTok: number): string {
  return `$${priceText(nanosPerMTok)} / MTok`;
}

/** A per-call fee exactly as main sent it (nano-dollars per call): "$0.005 / request". */
export function formatPerCall(nanosPerCall: number, call: string): string {
  return `$${priceText(nanosPerCall)} / ${call}`;
}

/** The same price as the text a price field takes ("0.01875"), to prefill an override. */
export function priceText(nanosPerMTok: number): string {
  return formatUsd(nanodollars(nanosPerMTok), 9).replace(/(\.\d{2}\d*?)0+$/, '$1');
}
