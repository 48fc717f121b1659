import { formatUsd, nanodollars } from '../../../shared/money';
import { money } from '../money/display-money';

/**
 * Display formatting for the Spending screen. Money arrives from main as integer nano-dollars
 * and is only formatted here (exactly, from the integer), never computed.
 */
/** In the display currency (Settings → General); US dollars unless one is set. */
export const usd = money;

/** Every digit main has, trailing zeros past the cents dropped: "$0.000375", "$12.50". */
export function usdExact(nanos: number): string {
  const text = formatUsd(nanodollars(nanos)).replace(/(\.\d{2}\d*?)0+$/, '$1');
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

const integer = new Intl.NumberFormat('en-US');
export const count = (n: number): string => integer.format(n);

/** 1234 → "1.2K", 3_400_000 → "3.4M": for chart axes, where the tooltip has the exact count. */
export function compactCount(n: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** Basis points → "12.34%" (integer arithmetic on the digits). */
export function share(basisPoints: number | null): string {
  if (basisPoints === null) return '—';
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}%`;
}

export function duration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "Nov 25, 09:15:02" in the settings' time zone (the one main resolved the period in). */
export function dateTime(ms: number, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(timeZone, format);
  }
  return format.format(ms);
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;
