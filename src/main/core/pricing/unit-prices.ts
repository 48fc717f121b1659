import type { NanodollarsPerMTok } from '../../../shared/money';

/** The prices of one token kind set; a missing cache price means those tokens cost the input price. */
export interface TokenPrices {
  input: NanodollarsPerMTok;
  output: NanodollarsPerMTok;
  cacheRead?: NanodollarsPerMTok;
  cacheWrite?: NanodollarsPerMTok;
}

export interface PriceTier extends TokenPrices {
  /** The tier applies to a request whose inputTokens (cache reads and writes included) exceed this. */
  startsAboveInputTokens: number;
}

/**
 * Unit prices, all integers in nano-dollars per million tokens. The base prices apply unless the
 * request's input passes a tier's threshold; then that tier prices every token of the request.
 */
export interface UnitPrices extends TokenPrices {
  tiers?: PriceTier[];
}
