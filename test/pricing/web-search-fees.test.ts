import { describe, expect, it } from 'vitest';
import { findCatalogPrice } from '../../src/main/core/pricing/catalog-prices';

const AT = new Date('2026-11-15T12:00:00Z');

describe("a web search's price: the catalog's, else the vendor's published fee", () => {
  it.each([
    ['anthropic', 'claude-sonnet-4-5'],
    ['openai', 'gpt-4o'],
  ] as const)("keeps the catalog's own price where it has one (%s: $10 per 1,000 searches)", (kind, model) => {
    const found = findCatalogPrice(kind, model, AT);
    expect(found?.prices.calls?.webSearch).toBe(10_000_000);
    expect(found?.feeTables).toBeUndefined();
  });

  it.each([
    ['gemini', 'gemini-2.5-flash', 35_000_000],
    ['gemini', 'gemini-3-pro-preview', 14_000_000],
    ['openrouter', 'openai/gpt-4o', 4_000_000],
    ['xai', 'grok-4', 5_000_000],
  ] as const)('fills %s %s with the published fee, named on the row', (kind, model, nanos) => {
    const found = findCatalogPrice(kind, model, AT);
    expect(found?.prices.calls?.webSearch).toBe(nanos);
    expect(found?.feeTables).toContain('web-search-fees@2026-11');
  });

  it('adds none for a vendor without a web search of its own (Mistral)', () => {
    expect(findCatalogPrice('mistral', 'mistral-large-latest', AT)?.prices.calls?.webSearch).toBeUndefined();
  });
});
