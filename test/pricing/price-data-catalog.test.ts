import { describe, expect, it } from 'vitest';
import { findCatalogPrice } from '../../src/main/core/pricing/catalog-prices';
import { checkPriceData } from '../../src/main/core/pricing/price-data-check';
import type { StoredPriceData } from '../../src/main/core/pricing/price-data-file';
import { priceDataText } from './price-data-fixture';

const AT = new Date('2026-12-01T12:00:00Z');

function stored(text: string): StoredPriceData {
  return { date: '2026-12-01T00:00:00Z', origin: 'file:test.json', sha256: '0'.repeat(64), providers: checkPriceData(text) };
}

/** The fixture with one more provider: dated prices, a provider_match alias and a host pattern. */
function withDeepSeek(): StoredPriceData {
  const providers = JSON.parse(priceDataText({ input: 5, cacheRead: 2.5, output: 20 })) as unknown[];
  providers.push({
    id: 'deepseek',
    name: 'DeepSeek',
    api_pattern: 'https://api\\.deepseek\\.com',
    provider_match: { contains: 'deepseek' },
    model_match: { starts_with: 'deepseek-' },
    models: [
      {
        id: 'deepseek-chat',
        match: { equals: 'deepseek-chat' },
        prices: [
          { prices: { input_mtok: 0.27, output_mtok: 1.1 } },
          { constraint: { start_date: '2026-12-01' }, prices: { input_mtok: 0.28, cache_read_mtok: 0.028, output_mtok: 0.42 } },
        ],
      },
    ],
  });
  return stored(JSON.stringify(providers));
}

describe('pricing with stored data instead of the bundled catalog', () => {
  it('finds a model by provider id, and names the data date as the source', () => {
    expect(findCatalogPrice('openai', 'gpt-4o', AT, undefined, withDeepSeek())).toEqual({
      prices: { input: 5_000_000_000, cacheRead: 2_500_000_000, output: 20_000_000_000, calls: { webSearch: 10_000_000 } },
      source: 'genai-prices-data@2026-12-01T00:00:00Z',
      catalogModelId: 'gpt-4o',
      providerId: 'openai',
      feeTables: ['web-search-fees@2026-11'],
    });
  });

  it('applies dated prices by the request time', () => {
    const data = withDeepSeek();
    expect(findCatalogPrice('openai-compatible', 'deepseek-chat', new Date('2026-11-30T23:59:59Z'), 'https://api.deepseek.com/v1', data)?.prices).toEqual({
      input: 270_000_000,
      output: 1_100_000_000,
    });
    expect(findCatalogPrice('openai-compatible', 'deepseek-chat', AT, 'https://api.deepseek.com/v1', data)?.prices).toEqual({
      input: 280_000_000,
      cacheRead: 28_000_000,
      output: 420_000_000,
    });
  });

  it('an unknown gateway is priced by the model name rules of the stored data', () => {
    const found = findCatalogPrice('openai-compatible', 'deepseek-chat', AT, 'https://gateway.example.com/v1', withDeepSeek());
    expect(found?.providerId).toBe('deepseek');
    expect(findCatalogPrice('openai-compatible', 'deepseek/deepseek-chat', AT, 'https://gateway.example.com/v1', withDeepSeek())?.providerId).toBe('deepseek');
  });

  it('a model the stored data does not list is unpriced, never priced at a bundled or made-up rate', () => {
    expect(findCatalogPrice('openai', 'gpt-4o-mini', AT, undefined, withDeepSeek())).toBeUndefined();
    expect(findCatalogPrice('openai-compatible', 'gpt-4o', AT, 'https://api.deepseek.com/v1', withDeepSeek())).toBeUndefined();
  });
});
