import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pricePerMTok } from '../../src/shared/money';
import { CACHE_SAVING_SQL, cacheSaving, totalCacheSaving } from '../../src/main/core/pricing/cache-saving';
import { seededRandom } from '../helpers/seeded-random';

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

describe('the same rule in SQL, for sums over a period', () => {
  it('equals cacheSaving on every row, half-way cases, cache reads dearer than input and 64-bit overflow included', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE requests (id INTEGER PRIMARY KEY, cached_input_tokens INTEGER NOT NULL, price_input_usd_nanos_per_mtok INTEGER NOT NULL,
      price_cache_read_usd_nanos_per_mtok INTEGER)`);
    const insert = db.prepare('INSERT INTO requests VALUES (?, ?, ?, ?)');
    const random = seededRandom(1915);
    const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)]!;
    const rows: { id: number; tokens: number; input: number; cacheRead: number | null }[] = [];
    for (let id = 1; id <= 3_000; id++) {
      const tokens = pick([1, 3, 5, 1_024, Math.floor(random() * 2_000_000), 10_000_000]);
      // Prices that land on .5 nano-dollars (500,000 per MTok steps), ordinary ones, and ones whose product passes 2^63.
      const input = pick([600_000, 2_500_000_000, Math.floor(random() * 20_000_000_000), 1_234_567_891_234]);
      const cacheRead = pick([null, 100_000, 300_000_000, Math.floor(random() * 20_000_000_000), 0]);
      rows.push({ id, tokens, input, cacheRead });
      insert.run(id, tokens, input, cacheRead);
    }
    const inSql = new Map<number, number>(
      db.prepare<[], { id: number; saving: number }>(`SELECT r.id AS id, ${CACHE_SAVING_SQL.saving} AS saving FROM requests r WHERE ${CACHE_SAVING_SQL.SQL_SAFE_ROWS}`)
        .all().map((row) => [row.id, row.saving]),
    );
    const bigint = new Set(db.prepare<[], { id: number }>(`SELECT r.id AS id FROM requests r WHERE ${CACHE_SAVING_SQL.BIGINT_ROWS}`).all().map((row) => row.id));
    expect(bigint.size).toBeGreaterThan(0);
    expect(inSql.size + bigint.size).toBe(rows.length);
    let halfWay = 0;
    for (const row of rows) {
      const expected = cacheSaving({ cachedInputTokens: row.tokens, priceInput: pricePerMTok(row.input), priceCacheRead: row.cacheRead === null ? null : pricePerMTok(row.cacheRead) });
      if (bigint.has(row.id)) continue;
      if ((BigInt(row.tokens) * BigInt(row.input - (row.cacheRead ?? row.input))) % 1_000_000n === 500_000n) halfWay += 1;
      expect([row.id, inSql.get(row.id)]).toEqual([row.id, expected]);
    }
    expect(halfWay).toBeGreaterThan(0);
    db.close();
  });
});
