import { pricePerCall, type NanodollarsPerCall } from '../../../shared/money';
import type { SearchContextSize } from '../../../shared/usage';
import type { CallPrices } from './unit-prices';

/** Names the table below on a ledger row whose request fee it priced. */
export const SEARCH_CONTEXT_FEES_SOURCE = 'perplexity-request-fees@2025-08';

const perThousand = (usd: number): NanodollarsPerCall => pricePerCall(usd * 1_000_000);

/**
 * Perplexity charges its request fee by the search context size the request used (the usage's
 * `search_context_size`, "low" by default), in USD per 1,000 requests, as published at
 * https://docs.perplexity.ai/getting-started/pricing. The catalog (@pydantic/genai-prices) has one
 * `requests_kcount` per model, the "high" figure. Its prices stay the authority: the table is used
 * only while its "high" figure equals the catalog's, so newer catalog data that moves the fee is
 * never overruled by this copy. And the catalog's figure, the highest, stays the pre-flight's
 * worst case.
 */
const PERPLEXITY_REQUEST_FEES: Readonly<Record<string, Record<SearchContextSize, NanodollarsPerCall>>> = {
  sonar: { low: perThousand(5), medium: perThousand(8), high: perThousand(12) },
  'sonar-pro': { low: perThousand(6), medium: perThousand(10), high: perThousand(14) },
  'sonar-reasoning': { low: perThousand(5), medium: perThousand(8), high: perThousand(12) },
  'sonar-reasoning-pro': { low: perThousand(6), medium: perThousand(10), high: perThousand(14) },
};

/** The catalog's per-call prices, with the request fee by context size where Perplexity's table agrees with it. */
export function withSearchContextFees(calls: CallPrices | undefined, catalogProviderId: string, catalogModelId: string): CallPrices | undefined {
  if (catalogProviderId !== 'perplexity' || calls?.request === undefined) return calls;
  const table = PERPLEXITY_REQUEST_FEES[catalogModelId];
  if (!table || table.high !== calls.request) return calls;
  return { ...calls, requestBySearchContext: table };
}
