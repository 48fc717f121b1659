import { describe, expect, it } from 'vitest';
import { CATALOG_VERSION, findCatalogPrice } from '../../src/main/core/pricing/catalog-prices';

// Every number below is this catalog version's own data, in nano-dollars per million tokens.
const AT = new Date('2025-09-01T12:00:00Z');

describe('bundled catalog', () => {
  it('names the installed package version as the source', () => {
    expect(CATALOG_VERSION).toBe('0.1.8');
    expect(findCatalogPrice('openai', 'gpt-4o', AT)?.source).toBe('genai-prices@0.1.8');
  });

  it('prices gpt-4o at the catalog numbers, as integers', () => {
    expect(findCatalogPrice('openai', 'gpt-4o', AT)).toEqual({
      // USD 10 per 1,000 web searches (web_searches_kcount), for the searches issue 16 meters
      prices: { input: 2_500_000_000, output: 10_000_000_000, cacheRead: 1_250_000_000, calls: { webSearch: 10_000_000 } },
      source: 'genai-prices@0.1.8',
      catalogModelId: 'gpt-4o',
      providerId: 'openai',
    });
  });

  it('matches dated model names the way the catalog does', () => {
    expect(findCatalogPrice('openai', 'gpt-4o-2024-05-13', AT)?.prices).toEqual({
      input: 5_000_000_000,
      output: 15_000_000_000,
      calls: { webSearch: 10_000_000 },
    });
  });

  it('prices Anthropic cache reads and writes on their own', () => {
    expect(findCatalogPrice('anthropic', 'claude-3-5-haiku-20241022', AT)?.prices).toEqual({
      input: 800_000_000,
      output: 4_000_000_000,
      cacheRead: 80_000_000,
      cacheWrite: 1_000_000_000,
      cacheWrite1h: 1_600_000_000,
      calls: { webSearch: 10_000_000 },
    });
  });

  it('merges per-key catalog tiers into one list, and accepts "models/" names from the Gemini API', () => {
    const found = findCatalogPrice('gemini', 'models/gemini-2.5-pro', AT);
    expect(found?.providerId).toBe('google');
    expect(found?.prices).toEqual({
      input: 1_250_000_000,
      output: 10_000_000_000,
      cacheRead: 125_000_000,
      tiers: [{ startsAboveInputTokens: 200_000, input: 2_500_000_000, output: 15_000_000_000, cacheRead: 250_000_000 }],
      // The catalog has no grounding price: Google's published $35 per 1,000 grounded prompts fills it.
      calls: { webSearch: 35_000_000 },
    });
    expect(found?.feeTables).toEqual(['web-search-fees@2026-11']);
  });

  it('converts USD 0.01875/MTok exactly (gemini-1.5-flash cache reads)', () => {
    const prices = findCatalogPrice('gemini', 'gemini-1.5-flash', AT)?.prices;
    expect(prices?.cacheRead).toBe(18_750_000);
    expect(prices?.tiers?.[0]?.cacheRead).toBe(37_500_000);
  });

  it('picks the price in force at the moment asked (o3 was cut on 2025-06-10)', () => {
    const before = findCatalogPrice('openai', 'o3', new Date('2025-06-09T23:59:59.999Z'))?.prices;
    const after = findCatalogPrice('openai', 'o3', new Date('2025-06-10T00:00:00Z'))?.prices;
    expect(before).toMatchObject({ input: 10_000_000_000, output: 40_000_000_000 });
    expect(after).toMatchObject({ input: 2_000_000_000, output: 8_000_000_000 });
  });

  it("follows time-of-day prices (DeepSeek's off-peak discount)", () => {
    const url = 'https://api.deepseek.com/v1';
    const peak = findCatalogPrice('openai-compatible', 'deepseek-chat', new Date('2025-09-01T12:00:00Z'), url);
    const offPeak = findCatalogPrice('openai-compatible', 'deepseek-chat', new Date('2025-09-01T17:00:00Z'), url);
    expect(peak?.prices).toEqual({ input: 270_000_000, output: 1_100_000_000, cacheRead: 70_000_000 });
    expect(offPeak?.prices).toEqual({ input: 135_000_000, output: 550_000_000, cacheRead: 35_000_000 });
  });

  it('returns undefined, never zero, for a model it does not know or cannot price in tokens', () => {
    expect(findCatalogPrice('openai', 'no-such-model', AT)).toBeUndefined();
    expect(findCatalogPrice('anthropic', 'gpt-4o', AT)).toBeUndefined();
    expect(findCatalogPrice('openai-compatible', 'my-finetune', AT, 'https://llm.example.com/v1')).toBeUndefined();
    // Priced per audio hour: not something a token ledger can charge.
    expect(findCatalogPrice('openai', 'whisper-1', AT)).toBeUndefined();
  });

  it('prices a catalog ":free" variant at zero, and an embedding model with no output price', () => {
    // OpenRouter's web plugin bills its results whatever the model costs ($4 per 1,000).
    expect(findCatalogPrice('openrouter', 'deepseek/deepseek-r1:free', AT)?.prices).toEqual({ input: 0, output: 0, calls: { webSearch: 4_000_000 } });
    expect(findCatalogPrice('openai', 'text-embedding-3-small', AT)?.prices).toMatchObject({ input: 20_000_000, output: 0 });
  });
});

describe('local models', () => {
  const local = { prices: { input: 0, output: 0 }, source: 'local', providerId: 'local' };

  it('prices Ollama at zero, with source "local"', () => {
    expect(findCatalogPrice('ollama', 'llama3.1:8b', AT, 'https://ollama.example.net')).toEqual({ ...local, catalogModelId: 'llama3.1:8b' });
  });

  it.each([
    'http://localhost:8080/v1',
    'http://127.0.0.1:8000/v1',
    'http://[::1]:5000/v1',
    'http://192.168.1.20:1234/v1',
    'http://gpu-box.lan:11434/v1',
  ])('treats an OpenAI-compatible server at %s as local, whatever the model name', (url) => {
    expect(findCatalogPrice('openai-compatible', 'gpt-4o', AT, url)).toMatchObject(local);
  });
});

describe('OpenAI-compatible endpoints', () => {
  it('recognizes the vendor from the base URL host', () => {
    const found = findCatalogPrice('openai-compatible', 'llama-3.3-70b-versatile', AT, 'https://API.groq.com/openai/v1');
    expect(found).toMatchObject({ providerId: 'groq', prices: { input: 590_000_000, output: 790_000_000 } });
  });

  it("never prices a known vendor's call at another vendor's rate", () => {
    expect(findCatalogPrice('openai-compatible', 'gpt-4o', AT, 'https://api.groq.com/openai/v1')).toBeUndefined();
  });

  it('falls back to the model name behind an unknown host', () => {
    const gateway = 'https://gateway.example.com/v1';
    expect(findCatalogPrice('openai-compatible', 'gpt-4o', AT, gateway)?.providerId).toBe('openai');
    expect(findCatalogPrice('openai-compatible', 'google/gemini-2.5-pro', AT, gateway)).toMatchObject({
      providerId: 'google',
      catalogModelId: 'gemini-2.5-pro',
    });
    expect(findCatalogPrice('openai-compatible', 'deepseek-chat', AT)?.providerId).toBe('deepseek');
  });
});
