import type { NanodollarsPerCall, NanodollarsPerMTok } from '../../../shared/money';
import type { SearchContextSize } from '../../../shared/usage';

/** The prices of one token kind set; a missing cache price means those tokens cost the input price. */
export interface TokenPrices {
  input: NanodollarsPerMTok;
  output: NanodollarsPerMTok;
  cacheRead?: NanodollarsPerMTok;
  /** Cache writes; for Anthropic, the 5-minute ones. */
  cacheWrite?: NanodollarsPerMTok;
  /** Anthropic's 1-hour cache writes; when missing, cache-write-1h-price.ts derives it. */
  cacheWrite1h?: NanodollarsPerMTok;
}

export interface PriceTier extends TokenPrices {
  /** The tier applies to a request whose inputTokens (cache reads and writes included) exceed this. */
  startsAboveInputTokens: number;
}

/**
 * What a call costs apart from its tokens, per call: a request fee (Perplexity's, which covers its
 * searches) and a fee per web search. Missing means the price list charges none.
 */
export interface CallPrices {
  request?: NanodollarsPerCall;
  /** The request fee by the search context size the request used (search-context-fees.ts); `request` is the highest. */
  requestBySearchContext?: Readonly<Record<SearchContextSize, NanodollarsPerCall>>;
  webSearch?: NanodollarsPerCall;
}

/**
 * Unit prices, all integers in nano-dollars per million tokens (or per call for fees). The base
 * prices apply unless the request's input passes a tier's threshold; then that tier prices every
 * token of the request. Call fees do not depend on tiers.
 */
export interface UnitPrices extends TokenPrices {
  tiers?: PriceTier[];
  calls?: CallPrices;
}
