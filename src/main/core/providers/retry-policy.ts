import type { ProviderError } from './provider-error';

/** Rate limits, server errors and connections that failed: the request did not go through. */
export function isRetryable(error: ProviderError): boolean {
  return error.code === 'rate_limit' || error.code === 'server' || error.code === 'network';
}

/**
 * The wait before retry number `attempt + 1`: the server's Retry-After when it gave one, else
 * exponential backoff with "equal jitter" (half fixed, half random) so that clients that failed
 * together do not retry together. Never longer than `maxMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const backoff = baseMs * 2 ** attempt;
  const wait = retryAfterMs ?? backoff / 2 + (random() * backoff) / 2;
  return Math.min(Math.max(0, wait), maxMs);
}

/**
 * Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). OpenAI and Anthropic also
 * send the finer `retry-after-ms`, which wins when present.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.round(Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
