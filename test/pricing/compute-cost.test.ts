import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { pricePerCall, pricePerMTok } from '../../src/shared/money';
import type { TokenUsage } from '../../src/shared/usage';
import { findCatalogPrice } from '../../src/main/core/pricing/catalog-prices';
import { computeCost } from '../../src/main/core/pricing/compute-cost';
import type { UnitPrices } from '../../src/main/core/pricing/unit-prices';

const AT = new Date('2025-09-01T12:00:00Z');
const c = pricePerCall;
const p = pricePerMTok;

function catalogPrices(kind: 'openai' | 'anthropic' | 'gemini' | 'perplexity', model: string): UnitPrices {
  const found = findCatalogPrice(kind, model, AT);
  if (found === undefined) throw new Error(`catalog has no ${model}`);
  return found.prices;
}

describe('computeCost', () => {
  it('prices gpt-4o input and output', () => {
    expect(computeCost({ inputTokens: 1000, outputTokens: 500 }, catalogPrices('openai', 'gpt-4o'))).toEqual({
      input: 2_500_000,
      cachedInput: 0,
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 5_000_000,
      fees: {},
      total: 7_500_000,
    });
  });

  it('rounds each component half to even, to a whole nano-dollar', () => {
    // USD 0.0005/MTok: each token costs half a nano-dollar.
    const half: UnitPrices = { input: p(500_000), output: p(500_000) };
    const outputCost = (outputTokens: number): number => computeCost({ inputTokens: 0, outputTokens }, half).output;
    expect([1, 3, 5, 7, 9].map(outputCost)).toEqual([0, 2, 2, 4, 4]);
    expect(outputCost(2)).toBe(1);
  });

  it('stays exact where tokens × price passes 2^53 and floats would round the wrong way', () => {
    const prices: UnitPrices = { input: p(987_654_500_000), output: p(0) };
    // 12,345,725 × 987,654,500,000 = 12,193,310,852,012,500,000: a tie, to the even 12,193,310,852,012.
    expect(computeCost({ inputTokens: 12_345_725, outputTokens: 0 }, prices).input).toBe(12_193_310_852_012);
    // 12,193,316,777,939,500,000: a tie, to the even ...940 (floats give .498 and round down).
    expect(computeCost({ inputTokens: 12_345_731, outputTokens: 0 }, prices).input).toBe(12_193_316_777_940);
  });

  it('charges Anthropic-style cache reads and writes at their own prices', () => {
    // Anthropic reported input_tokens 100, cache_creation_input_tokens 4735, cache_read_input_tokens 2000.
    const usage: TokenUsage = { inputTokens: 6835, cachedInputTokens: 2000, cacheWriteTokens: 4735, outputTokens: 255 };
    expect(computeCost(usage, catalogPrices('anthropic', 'claude-3-5-haiku-latest'))).toEqual({
      input: 80_000, // 100 × USD 0.80/MTok
      cachedInput: 160_000, // 2000 × USD 0.08/MTok
      cacheWrite: 4_735_000, // 4735 × USD 1.00/MTok
      cacheWrite1h: 0,
      output: 1_020_000, // 255 × USD 4.00/MTok
      fees: {},
      total: 5_995_000,
    });
  });

  it("charges Anthropic's 1-hour cache writes at their own price: claude sonnet 4, 5m 3.75 and 1h 6 $/MTok", () => {
    // input_tokens 50, cache_read 1000, cache_creation 3000 = ephemeral_5m 1000 + ephemeral_1h 2000, output 200.
    const usage: TokenUsage = {
      inputTokens: 4050,
      cachedInputTokens: 1000,
      cacheWriteTokens: 3000,
      cacheWrite5mTokens: 1000,
      cacheWrite1hTokens: 2000,
      outputTokens: 200,
    };
    expect(computeCost(usage, catalogPrices('anthropic', 'claude-sonnet-4-0'))).toEqual({
      input: 150_000, // 50 × USD 3/MTok
      cachedInput: 300_000, // 1000 × USD 0.30/MTok
      cacheWrite: 3_750_000, // 1000 × USD 3.75/MTok
      cacheWrite1h: 12_000_000, // 2000 × USD 6/MTok
      output: 3_000_000, // 200 × USD 15/MTok
      fees: {},
      total: 19_200_000,
      cacheWrite1hPrice: 6_000_000_000,
    });
  });

  it("prices 1-hour writes by Anthropic's rule (2× input) when no price list names one", () => {
    const prices: UnitPrices = { input: p(3_000_000_000), output: p(0), cacheWrite: p(3_750_000_000) };
    const cost = computeCost({ inputTokens: 1000, cacheWriteTokens: 1000, cacheWrite1hTokens: 1000, outputTokens: 0 }, prices);
    expect(cost).toMatchObject({ cacheWrite: 0, cacheWrite1h: 6_000_000, total: 6_000_000, cacheWrite1hPrice: 6_000_000_000 });
  });

  it('adds per-call fees to the total, each with its count and price, and leaves an unpriced count uncharged', () => {
    const prices: UnitPrices = { input: p(1_000_000_000), output: p(1_000_000_000), calls: { request: c(12_000_000) } };
    const cost = computeCost({ inputTokens: 12, outputTokens: 20 }, prices, { requests: 1, webSearches: 3 });
    expect(cost).toMatchObject({
      input: 12_000,
      output: 20_000,
      fees: { request: { calls: 1, price: 12_000_000, fee: 12_000_000 } },
      total: 12_032_000,
    });
    const searched = computeCost({ inputTokens: 0, outputTokens: 0 }, { ...prices, calls: { webSearch: c(5_000_000) } }, { requests: 1, webSearches: 3 });
    expect(searched).toMatchObject({ fees: { webSearch: { calls: 3, price: 5_000_000, fee: 15_000_000 } }, total: 15_000_000 });
  });

  it("picks Perplexity's request fee by the search context the request used", () => {
    const prices = catalogPrices('perplexity', 'sonar');
    expect(prices.calls).toEqual({ request: 12_000_000, requestBySearchContext: { low: 5_000_000, medium: 8_000_000, high: 12_000_000 } });
    const fee = (searchContextSize?: 'low' | 'medium' | 'high') =>
      computeCost({ inputTokens: 0, outputTokens: 0 }, prices, { requests: 1, ...(searchContextSize ? { searchContextSize } : {}) }).total;
    expect([fee('low'), fee('medium'), fee('high'), fee()]).toEqual([5_000_000, 8_000_000, 12_000_000, 12_000_000]);
  });

  it('charges cache tokens without a price of their own at the input price', () => {
    const prices: UnitPrices = { input: p(2_000_000_000), output: p(8_000_000_000) };
    const cost = computeCost({ inputTokens: 1000, cachedInputTokens: 300, cacheWriteTokens: 200, outputTokens: 0 }, prices);
    expect(cost).toMatchObject({ input: 1_000_000, cachedInput: 600_000, cacheWrite: 400_000, total: 2_000_000 });
  });

  it('charges reasoning tokens once, as the output they are part of', () => {
    const prices = catalogPrices('openai', 'o3');
    const withReasoning = computeCost({ inputTokens: 10, outputTokens: 500, reasoningTokens: 400 }, prices);
    expect(withReasoning).toEqual(computeCost({ inputTokens: 10, outputTokens: 500 }, prices));
    expect(withReasoning.output).toBe(4_000_000); // 500 × USD 8/MTok
  });

  it('prices a Gemini 2.5 Pro prompt above 200k tokens entirely at the higher tier', () => {
    const prices = catalogPrices('gemini', 'gemini-2.5-pro');
    const at200k = computeCost({ inputTokens: 200_000, outputTokens: 1000 }, prices);
    expect(at200k).toEqual({ input: 250_000_000, cachedInput: 0, cacheWrite: 0, cacheWrite1h: 0, output: 10_000_000, fees: {}, total: 260_000_000 });

    const above = computeCost({ inputTokens: 200_001, cachedInputTokens: 100_000, outputTokens: 1000 }, prices);
    expect(above).toEqual({
      input: 250_002_500, // 100,001 × USD 2.50/MTok
      cachedInput: 25_000_000, // 100,000 × USD 0.25/MTok
      cacheWrite: 0,
      cacheWrite1h: 0,
      output: 15_000_000, // 1000 × USD 15/MTok
      fees: {},
      total: 290_002_500,
      appliedTier: 0,
    });
  });

  it('applies the highest tier passed, whatever the order of the list', () => {
    const prices: UnitPrices = {
      input: p(1_000_000_000),
      output: p(0),
      tiers: [
        { startsAboveInputTokens: 500, input: p(3_000_000_000), output: p(0) },
        { startsAboveInputTokens: 100, input: p(2_000_000_000), output: p(0) },
      ],
    };
    const cost = (inputTokens: number): number => computeCost({ inputTokens, outputTokens: 0 }, prices).input;
    expect([100, 101, 500, 501].map(cost)).toEqual([100_000, 202_000, 1_000_000, 1_503_000]);
    expect(computeCost({ inputTokens: 501, outputTokens: 0 }, prices).appliedTier).toBe(0);
  });

  it('clamps uncached input at zero when a report claims more cache than input', () => {
    const prices: UnitPrices = { input: p(1_000_000_000), output: p(0), cacheRead: p(100_000_000) };
    const cost = computeCost({ inputTokens: 100, cachedInputTokens: 150, outputTokens: 0 }, prices);
    expect(cost).toMatchObject({ input: 0, cachedInput: 15_000, total: 15_000 });
  });

  it("agrees with the catalog's own float arithmetic", () => {
    const cases: { kind: 'openai' | 'anthropic' | 'gemini'; model: string; usage: TokenUsage }[] = [
      { kind: 'anthropic', model: 'claude-sonnet-4-5', usage: { inputTokens: 250_000, cachedInputTokens: 120_000, cacheWriteTokens: 9_000, outputTokens: 3_000 } },
      { kind: 'gemini', model: 'gemini-2.5-pro', usage: { inputTokens: 350_123, cachedInputTokens: 200_000, outputTokens: 7_777 } },
      { kind: 'openai', model: 'gpt-4o-mini', usage: { inputTokens: 12_345, cachedInputTokens: 4_096, outputTokens: 678 } },
    ];
    const providerId = { openai: 'openai', anthropic: 'anthropic', gemini: 'google' } as const;
    for (const { kind, model, usage } of cases) {
      const catalog = calcPrice(
        {
          input_tokens: usage.inputTokens,
          cache_read_tokens: usage.cachedInputTokens,
          cache_write_tokens: usage.cacheWriteTokens,
          output_tokens: usage.outputTokens,
        },
        model,
        { providerId: providerId[kind], timestamp: AT },
      );
      const ours = computeCost(usage, catalogPrices(kind, model)).total;
      // Ours rounds each of four components to a whole nano-dollar: at most half of one each.
      expect(Math.abs((catalog?.total_price ?? Number.NaN) * 1e9 - ours)).toBeLessThanOrEqual(2);
    }
  });
});
