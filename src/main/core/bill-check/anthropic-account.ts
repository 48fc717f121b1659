import { z } from 'zod';
import { BillFetchError } from './account-http';
import { readPagedReport, utcDay } from './account-pages';
import type { AccountEndpoint, BilledCostLine, BilledUsageLine } from './bill-types';
import { decimalToNanos, NANOS_PER_CENT } from './decimal-amounts';

/** The Admin API's documented maximum of daily buckets a page. */
const BUCKETS_PER_PAGE = 31;
const ANTHROPIC_VERSION = '2023-06-01';

/** GET /v1/organizations/cost_report: `amount` is a decimal string in cents. */
const costPage = z.object({
  data: z.array(
    z.object({
      starting_at: z.string(),
      ending_at: z.string(),
      results: z.array(
        z.object({
          amount: z.string(),
          currency: z.string(),
          workspace_id: z.string().nullable().optional(),
          description: z.string().nullable().optional(),
          model: z.string().nullable().optional(),
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullable().optional(),
});

/** GET /v1/organizations/usage_report/messages: input is split into uncached, cache reads and cache writes. */
const usagePage = z.object({
  data: z.array(
    z.object({
      starting_at: z.string(),
      results: z.array(
        z.object({
          uncached_input_tokens: z.number().int(),
          cache_read_input_tokens: z.number().int(),
          cache_creation: z
            .object({ ephemeral_1h_input_tokens: z.number().int(), ephemeral_5m_input_tokens: z.number().int() })
            .optional(),
          output_tokens: z.number().int(),
          api_key_id: z.string().nullable().optional(),
          model: z.string().nullable().optional(),
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullable().optional(),
});

export const ANTHROPIC_ENDPOINTS = ['GET /v1/organizations/cost_report', 'GET /v1/organizations/usage_report/messages'] as const;

const headers = (endpoint: AccountEndpoint) => ({ 'x-api-key': endpoint.key, 'anthropic-version': ANTHROPIC_VERSION });
const rfc3339 = (ms: number) => new Date(ms).toISOString();

/** Daily cost grouped by workspace and description (the description names the model and token kind). */
export async function anthropicCosts(endpoint: AccountEndpoint, startMs: number, endMs: number): Promise<BilledCostLine[]> {
  const what = 'cost report';
  const pages = await readPagedReport(
    endpoint,
    what,
    costPage,
    '/v1/organizations/cost_report',
    {
      starting_at: rfc3339(startMs),
      ending_at: rfc3339(endMs),
      bucket_width: '1d',
      'group_by[]': ['workspace_id', 'description'],
      limit: BUCKETS_PER_PAGE,
    },
    headers(endpoint),
  );
  return pages.flatMap((page) =>
    page.data.flatMap((bucket) =>
      bucket.results.map((result): BilledCostLine => {
        if (result.currency.toUpperCase() !== 'USD') {
          throw new BillFetchError(`Anthropic reported a cost in ${result.currency}; Tallychat compares US dollars only.`, null);
        }
        return {
          day: utcDay(Date.parse(bucket.starting_at)),
          scope: result.workspace_id ?? null,
          model: result.model ?? null,
          lineItem: result.description ?? null,
          amountNanos: decimalToNanos(result.amount, NANOS_PER_CENT),
        };
      }),
    ),
  );
}

/** Tokens per day, API key and model. */
export async function anthropicUsage(endpoint: AccountEndpoint, startMs: number, endMs: number): Promise<BilledUsageLine[]> {
  const what = 'usage report';
  const pages = await readPagedReport(
    endpoint,
    what,
    usagePage,
    '/v1/organizations/usage_report/messages',
    {
      starting_at: rfc3339(startMs),
      ending_at: rfc3339(endMs),
      bucket_width: '1d',
      'group_by[]': ['api_key_id', 'model'],
      limit: BUCKETS_PER_PAGE,
    },
    headers(endpoint),
  );
  return pages.flatMap((page) =>
    page.data.flatMap((bucket) =>
      bucket.results.map((result) => ({
        day: utcDay(Date.parse(bucket.starting_at)),
        apiKeyId: result.api_key_id ?? null,
        model: result.model ?? null,
        inputTokens:
          result.uncached_input_tokens +
          result.cache_read_input_tokens +
          (result.cache_creation?.ephemeral_1h_input_tokens ?? 0) +
          (result.cache_creation?.ephemeral_5m_input_tokens ?? 0),
        outputTokens: result.output_tokens,
        requests: null,
      })),
    ),
  );
}
