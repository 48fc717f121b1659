import { calcPrice, waitForUpdate, type ModelPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { NANOS_PER_USD } from '../../src/shared/money';
import { toUnitPrices, usdPerMTokToPrice } from '../../src/main/core/pricing/catalog-unit-prices';

/** Every price period of every model in the bundled data, whatever its constraint. */
async function everyModelPrice(): Promise<{ providerId: string; modelId: string; price: ModelPrice }[]> {
  const providers = (await waitForUpdate()) ?? [];
  return providers.flatMap((provider) =>
    provider.models.flatMap((model) =>
      (Array.isArray(model.prices) ? model.prices.map((c) => c.prices) : [model.prices]).map((price) => ({
        providerId: provider.id,
        modelId: model.id,
        price,
      })),
    ),
  );
}

function tokenPriceNumbers(price: ModelPrice): number[] {
  return ['input_mtok', 'output_mtok', 'cache_read_mtok', 'cache_write_mtok'].flatMap((key) => {
    const value = price[key];
    if (value === undefined) return [];
    return typeof value === 'number' ? [value] : [value.base, ...value.tiers.map((t) => t.price)];
  });
}

describe('the whole bundled catalog', () => {
  it('converts every token price with at most nine decimals exactly, and the rest to the nearest nano-dollar', async () => {
    const prices = await everyModelPrice();
    expect(prices.length).toBeGreaterThan(1000);
    const rounded = new Set<number>();
    for (const { price } of prices) {
      for (const usd of tokenPriceNumbers(price)) {
        const nanos = usdPerMTokToPrice(usd);
        if (nanos / NANOS_PER_USD === usd) continue;
        rounded.add(usd);
        expect(Math.abs(nanos - usd * NANOS_PER_USD)).toBeLessThanOrEqual(0.5);
      }
    }
    // This catalog version's only computed prices; a new one should be looked at, not waved through.
    expect([...rounded].sort()).toEqual([0.08333333333333334, 0.18000000000000002]);
  });

  it('maps every price period, tiers and all, with input priced whenever the catalog prices input', async () => {
    for (const { modelId, price } of await everyModelPrice()) {
      const unit = toUnitPrices(price, modelId);
      if (price.input_mtok === undefined) continue;
      expect(unit?.input).toBeTypeOf('number');
      for (const tier of unit?.tiers ?? []) expect(Number.isSafeInteger(tier.startsAboveInputTokens)).toBe(true);
    }
  });

  it("selects every model through the catalog's matcher without an error", async () => {
    const at = new Date('2025-09-01T12:00:00Z');
    for (const { providerId, modelId } of await everyModelPrice()) {
      expect(() => calcPrice({}, modelId, { providerId, timestamp: at })).not.toThrow();
    }
  });
});

describe('price conversion', () => {
  it('turns the catalog float into exact integers', () => {
    expect(usdPerMTokToPrice(0.01875)).toBe(18_750_000);
    expect(usdPerMTokToPrice(2.5)).toBe(2_500_000_000);
    expect(usdPerMTokToPrice(0.003625)).toBe(3_625_000);
    expect(usdPerMTokToPrice(0.1583)).toBe(158_300_000);
  });

  it('reads exponent notation exactly', () => {
    expect(usdPerMTokToPrice(1.5e-7)).toBe(150);
    expect(usdPerMTokToPrice(2e-9)).toBe(2);
  });

  it('rounds computed prices half to even at the ninth decimal', () => {
    expect(usdPerMTokToPrice(0.08333333333333334)).toBe(83_333_333);
    expect(usdPerMTokToPrice(0.18000000000000002)).toBe(180_000_000);
    expect(usdPerMTokToPrice(0.0000000005)).toBe(0);
    expect(usdPerMTokToPrice(0.0000000015)).toBe(2);
  });

  it('refuses what is not a price', () => {
    expect(() => usdPerMTokToPrice(-1)).toThrow(RangeError);
    expect(() => usdPerMTokToPrice(Number.NaN)).toThrow(RangeError);
  });
});
