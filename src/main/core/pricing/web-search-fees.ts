import { pricePerCall, type NanodollarsPerCall } from '../../../shared/money';
import { geminiBillsGroundingPerPrompt } from '../providers/gemini-grounding';
import type { CallPrices } from './unit-prices';

/** Names the table below on a ledger row whose web-search fee it priced. */
export const WEB_SEARCH_FEES_SOURCE = 'web-search-fees@2026-11';

const perThousand = (usd: number): NanodollarsPerCall => pricePerCall(usd * 1_000_000);

/**
 * The vendors' published prices for their web search, per billed unit, for models whose catalog
 * entry (@pydantic/genai-prices) names none: the catalog carries Anthropic's $10 per 1,000 searches
 * but not the others'. The unit is what each adapter counts as `webSearches`:
 * - OpenAI, web_search tool calls: $10 per 1,000 (https://platform.openai.com/docs/pricing, built-in tools);
 * - Google, Gemini 3 bills each search query at $14 per 1,000, earlier Gemini models each grounded
 *   prompt at $35 per 1,000 (https://ai.google.dev/gemini-api/docs/pricing, Grounding with Google Search);
 *   the free daily allowance is not modelled: a cap must hold on the day it is used up;
 * - OpenRouter, web plugin results: $4 per 1,000 (https://openrouter.ai/docs/features/web-search);
 * - xAI, web_search tool calls: $5 per 1,000 (https://docs.x.ai/developers/pricing, tool invocation costs).
 * The catalog, and the user's override, stay the authority: this fills only a price they lack.
 */
function publishedWebSearchFee(catalogProviderId: string, catalogModelId: string): NanodollarsPerCall | undefined {
  switch (catalogProviderId) {
    case 'openai':
      return perThousand(10);
    case 'google':
      return geminiBillsGroundingPerPrompt(catalogModelId) ? perThousand(35) : perThousand(14);
    case 'openrouter':
      return perThousand(4);
    case 'x-ai':
      return perThousand(5);
    case 'anthropic':
      return perThousand(10);
    default:
      return undefined;
  }
}

/** The catalog's per-call prices with the vendor's published web-search fee where the catalog has none. */
export function withPublishedWebSearchFee(calls: CallPrices | undefined, catalogProviderId: string, catalogModelId: string): CallPrices | undefined {
  if (calls?.webSearch !== undefined) return calls;
  const webSearch = publishedWebSearchFee(catalogProviderId, catalogModelId);
  return webSearch === undefined ? calls : { ...calls, webSearch };
}
