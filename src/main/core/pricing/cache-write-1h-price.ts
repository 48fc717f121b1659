import { pricePerMTok, type NanodollarsPerMTok } from '../../../shared/money';
import type { TokenPrices } from './unit-prices';

/**
 * The price of a 1-hour cache write. Anthropic is the only vendor that reports writes by lifetime
 * (`usage.cache_creation.ephemeral_1h_input_tokens`), and it publishes the rule: "1-hour cache
 * write tokens are 2 times the base input tokens price" (5-minute writes are 1.25 times, reads
 * 0.1 times; https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#pricing).
 * The catalog's `cache_write_1h_mtok` or the user's override wins; the rule stands in only when
 * neither names one, so a 1-hour write is never charged at the cheaper 5-minute price.
 */
export function cacheWrite1hPrice(prices: TokenPrices): NanodollarsPerMTok {
  return prices.cacheWrite1h ?? pricePerMTok(BigInt(prices.input) * 2n);
}
