import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from '../../src/main/core/providers/retry-policy';

describe('Retry-After', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  const headers = (init: Record<string, string>) => new Headers(init);

  it('reads delta-seconds, an HTTP date, and the finer retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '20' }), now)).toBe(20_000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Sat, 01 Mar 2025 12:00:07 GMT' }), now)).toBe(7_000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Sat, 01 Mar 2025 11:59:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(headers({ 'retry-after': '20', 'retry-after-ms': '1500' }), now)).toBe(1_500);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(headers({}), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});

describe('retry delay', () => {
  it('backs off exponentially with equal jitter', () => {
    expect(retryDelayMs(0, undefined, 500, 60_000, () => 0)).toBe(250);
    expect(retryDelayMs(0, undefined, 500, 60_000, () => 1)).toBe(500);
    expect(retryDelayMs(3, undefined, 500, 60_000, () => 0.5)).toBe(3_000);
  });

  it('prefers the server\'s Retry-After and caps every wait', () => {
    expect(retryDelayMs(0, 20_000, 500, 60_000, () => 0)).toBe(20_000);
    expect(retryDelayMs(0, 3_600_000, 500, 60_000, () => 0)).toBe(60_000);
    expect(retryDelayMs(10, undefined, 500, 60_000, () => 1)).toBe(60_000);
  });
});
