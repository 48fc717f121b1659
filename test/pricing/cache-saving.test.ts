import { describe, expect, it } from 'vitest';
import { pricePerMTok } from '../../src/shared/money';
import { cacheSaving, totalCacheSaving } from '../../src/main/core/pricing/cache-saving';

const price = (usdNanosPerMTok: number) => pricePerMTok(usdNanosPerMTok);

describe('what prompt caching saved, from a row\'s frozen prices', () => {
  it('is cached tokens × (input − cache-read price), in whole nano-dollars', () => {
    // gpt-4o: 1,024 cached tokens at $2.50 instead of $1.25 per MTok
    expect(cacheSaving({ cachedInputTokens: 1_024, priceInput: price(2_500_000_000), priceCacheRead: price(1_250_000_000) })).toBe(1_280_000);
    // claude-sonnet-4-5: 9,000 cache reads at $0.30 instead of $3 per MTok = $0.0243
    expect(cacheSaving({ cachedInputTokens: 9_000, priceInput: price(3_000_000_000), priceCacheRead: price(300_000_000) })).toBe(24_300_000);
  });

  it('rounds half to even once, at the nano-dollar', () => {
    // 5 × 100 / 10^6 = 0.0005 → 0
    expect(cacheSaving({ cachedInputTokens: 5, priceInput: price(150), priceCacheRead: price(50) })).toBe(0);
    // 3 × 500,000 / 10^6 = 1.5 → 2 (half to even); 5 × 500,000 / 10^6 = 2.5 → 2
    expect(cacheSaving({ cachedInputTokens: 3, priceInput: price(600_000), priceCacheRead: price(100_000) })).toBe(2);
    expect(cacheSaving({ cachedInputTokens: 5, priceInput: price(600_000), priceCacheRead: price(100_000) })).toBe(2);
  });

  it('stays exact where the product passes 2^53', () => {
    // 10,000,000 tokens × $1,234.567891234/MTok difference: 1.2 × 10^19 before the division
    expect(cacheSaving({ cachedInputTokens: 10_000_000, priceInput: price(1_234_567_891_234), priceCacheRead: price(0) })).toBe(12_345_678_912_340);
  });

  it('is zero without a cache-read price (cached tokens cost the input price), unknown without cached tokens or a price', () => {
    expect(cacheSaving({ cachedInputTokens: 500, priceInput: price(2_000_000_000), priceCacheRead: null })).toBe(0);
    expect(cacheSaving({ cachedInputTokens: null, priceInput: price(2_000_000_000), priceCacheRead: price(500_000_000) })).toBeNull();
    expect(cacheSaving({ cachedInputTokens: 500, priceInput: null, priceCacheRead: null })).toBeNull();
  });

  it('a conversation\'s saving sums the known rows and is unknown when none is known', () => {
    const rows = [
      { cachedInputTokens: 1_024, priceInput: price(2_500_000_000), priceCacheRead: price(1_250_000_000) },
      { cachedInputTokens: null, priceInput: price(2_500_000_000), priceCacheRead: price(1_250_000_000) },
      { cachedInputTokens: 6, priceInput: price(300_000_000), priceCacheRead: price(75_000_000) },
    ];
    expect(totalCacheSaving(rows)).toBe(1_280_000 + 1_350);
    expect(totalCacheSaving([rows[1]!])).toBeNull();
    expect(totalCacheSaving([])).toBeNull();
  });
});
