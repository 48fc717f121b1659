import type { ModelPrice, TieredPrices } from '@pydantic/genai-prices';
import { MoneyRangeError, pricePerCall, pricePerMTok, roundHalfEven, type NanodollarsPerCall, type NanodollarsPerMTok } from '../../../shared/money';
import type { CallPrices, PriceTier, TokenPrices, UnitPrices } from './unit-prices';

/**
 * The catalog's per-million-token keys that our usage can meter. Its other token keys (audio and
 * image tokens, pages, Perplexity's reasoning and citation tokens) have no counterpart in
 * TokenUsage and are left out.
 */
const CATALOG_KEYS = {
  input: 'input_mtok',
  output: 'output_mtok',
  cacheRead: 'cache_read_mtok',
  cacheWrite: 'cache_write_mtok',
  cacheWrite1h: 'cache_write_1h_mtok',
} as const;

/** The catalog's per-call fees, in USD per thousand calls. */
const CALL_KEYS = {
  request: 'requests_kcount',
  webSearch: 'web_searches_kcount',
} as const satisfies Partial<Record<keyof CallPrices, string>>;

type PriceField = keyof typeof CATALOG_KEYS;
type CatalogValue = number | TieredPrices;
type CatalogValues = Partial<Record<PriceField, CatalogValue>>;
type PricedValues = CatalogValues & { input: CatalogValue };

const FREE = pricePerMTok(0);

/**
 * A catalog price (a JSON number of USD per MTok) to nano-dollars per MTok, from the number's
 * shortest decimal text, in integers: "0.01875" is exactly 18,750,000. A few catalog prices are
 * computed, not published, and carry more than nine decimals (OpenRouter's 1/12 cache-write price
 * 0.08333333333333334, a 0.18000000000000002): those round half to even at the ninth decimal, an
 * error under half a nano-dollar per million tokens.
 */
export function usdPerMTokToPrice(usd: number): NanodollarsPerMTok {
  if (!Number.isFinite(usd) || usd < 0) throw new MoneyRangeError(`not a catalog price: ${usd}`);
  const [mantissa = '', exponent = '0'] = usd.toString().split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = BigInt(whole + fraction);
  // usd = digits × 10^-(fraction.length - exponent), and nano-dollars are usd × 10^9.
  const excessDecimals = fraction.length - Number(exponent) - 9;
  if (excessDecimals <= 0) return pricePerMTok(digits * 10n ** BigInt(-excessDecimals));
  return pricePerMTok(roundHalfEven(digits, 10n ** BigInt(excessDecimals)));
}

/**
 * The catalog's prices for one model at one moment, as integers. Undefined when the catalog does
 * not price the model's prompt tokens (speech, OCR, or simply unknown), so the caller never
 * mistakes "unpriced" for "free".
 */
export function toUnitPrices(price: ModelPrice, catalogModelId: string): UnitPrices | undefined {
  const values = pickTokenPrices(price);
  if (!hasInputPrice(values)) return isDeclaredFree(price, catalogModelId) ? { input: FREE, output: FREE } : undefined;
  const base = pricesAt(values, undefined);
  const tiers = tierThresholds(values).map(
    (threshold): PriceTier => ({ startsAboveInputTokens: threshold, ...pricesAt(values, threshold) }),
  );
  const calls = callPrices(price);
  return { ...base, ...(tiers.length > 0 ? { tiers } : {}), ...(calls ? { calls } : {}) };
}

/**
 * A catalog fee (USD per thousand calls) to nano-dollars per call: Perplexity sonar's
 * `requests_kcount` 12 is USD 0.012 a request, 12,000,000 nano-dollars.
 */
export function usdPerThousandCallsToPrice(usd: number): NanodollarsPerCall {
  return pricePerCall(roundHalfEven(BigInt(usdPerMTokToPrice(usd)), 1000n));
}

function callPrices(price: ModelPrice): CallPrices | undefined {
  const calls: CallPrices = {};
  for (const kind of Object.keys(CALL_KEYS) as (keyof typeof CALL_KEYS)[]) {
    const value = price[CALL_KEYS[kind]];
    // No catalog fee is tiered by tokens; a tiered one would be charged at its base.
    if (value !== undefined) calls[kind] = usdPerThousandCallsToPrice(usdAbove(value, undefined));
  }
  return Object.keys(calls).length > 0 ? calls : undefined;
}

function pickTokenPrices(price: ModelPrice): CatalogValues {
  const values: CatalogValues = {};
  for (const field of Object.keys(CATALOG_KEYS) as PriceField[]) {
    const value = price[CATALOG_KEYS[field]];
    if (value !== undefined) values[field] = value;
  }
  return values;
}

function hasInputPrice(values: CatalogValues): values is PricedValues {
  return values.input !== undefined;
}

/** Only an empty price on a ":free" variant (OpenRouter's and others' free tiers) means zero. */
function isDeclaredFree(price: ModelPrice, catalogModelId: string): boolean {
  return Object.values(price).every((v) => v === undefined) && catalogModelId.endsWith(':free');
}

/**
 * The catalog tiers each key on its own, always on the request's total input tokens; we merge
 * them into one list of thresholds so a tier carries every price that applies above it.
 */
function tierThresholds(values: CatalogValues): number[] {
  const starts = new Set<number>();
  for (const value of Object.values(values)) {
    if (typeof value !== 'number') for (const tier of value.tiers) starts.add(tier.start);
  }
  return [...starts].sort((a, b) => a - b);
}

/** Prices for a request whose input is just above `threshold` (undefined: the base tier). */
function pricesAt(values: PricedValues, threshold: number | undefined): TokenPrices {
  const at = (value: CatalogValue): NanodollarsPerMTok => usdPerMTokToPrice(usdAbove(value, threshold));
  const prices: TokenPrices = {
    input: at(values.input),
    // Embedding models have an input price only: they generate no tokens.
    output: values.output === undefined ? FREE : at(values.output),
  };
  if (values.cacheRead !== undefined) prices.cacheRead = at(values.cacheRead);
  if (values.cacheWrite !== undefined) prices.cacheWrite = at(values.cacheWrite);
  if (values.cacheWrite1h !== undefined) prices.cacheWrite1h = at(values.cacheWrite1h);
  return prices;
}

/** The catalog applies a tier when input tokens exceed its start, as in its own calcPrice. */
function usdAbove(value: CatalogValue, threshold: number | undefined): number {
  if (typeof value === 'number') return value;
  let usd = value.base;
  let bestStart = -1;
  for (const tier of value.tiers) {
    if (threshold !== undefined && tier.start <= threshold && tier.start > bestStart) {
      usd = tier.price;
      bestStart = tier.start;
    }
  }
  return usd;
}
