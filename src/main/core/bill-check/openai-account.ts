import { z } from 'zod';
import { BillFetchError } from './account-http';
import { readPagedReport, utcDay } from './account-pages';
import type { AccountEndpoint, BilledCostLine, BilledUsageLine } from './bill-types';
import { dollarNumberToNanos } from './decimal-amounts';

/** The Costs API returns at most 180 daily buckets a page; a month fits in one unless the server pages smaller. */
const BUCKETS_PER_PAGE = 31;

/** GET /v1/organization/costs, as documented: daily buckets of results with an amount in dollars. */
const costsPage = z.object({
  data: z.array(
    z.object({
      start_time: z.number().int(),
      end_time: z.number().int(),
      results: z.array(
        z.object({
          amount: z.object({ value: z.number(), currency: z.string() }),
          line_item: z.string().nullable().optional(),
          project_id: z.string().nullable().optional(),
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullable().optional(),
});

/** GET /v1/organization/usage/completions: tokens per bucket, grouped here by API key and model. */
const completionsPage = z.object({
  data: z.array(
    z.object({
      start_time: z.number().int(),
      results: z.array(
        z.object({
          input_tokens: z.number().int(),
          output_tokens: z.number().int(),
          num_model_requests: z.number().int().optional(),
          api_key_id: z.string().nullable().optional(),
          model: z.string().nullable().optional(),
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullable().optional(),
});

export const OPENAI_ENDPOINTS = ['GET /organization/costs', 'GET /organization/usage/completions'] as const;

const auth = (endpoint: AccountEndpoint) => ({ authorization: `Bearer ${endpoint.key}` });

/**
 * The organization's daily costs, grouped by line item (which names the model) and project, so
 * usage in another project or of a model Tallychat never sent can be told apart from drift.
 */
export async function openAiCosts(endpoint: AccountEndpoint, startMs: number, endMs: number): Promise<BilledCostLine[]> {
  const what = 'Costs API';
  const pages = await readPagedReport(
    endpoint,
    what,
    costsPage,
    '/organization/costs',
    {
      start_time: startMs / 1000,
      end_time: endMs / 1000,
      bucket_width: '1d',
      group_by: ['line_item', 'project_id'],
      limit: BUCKETS_PER_PAGE,
    },
    auth(endpoint),
  );
  return pages.flatMap((page) =>
    page.data.flatMap((bucket) =>
      bucket.results.map((result): BilledCostLine => {
        if (result.amount.currency.toLowerCase() !== 'usd') {
          throw new BillFetchError(`OpenAI reported a cost in ${result.amount.currency.toUpperCase()}; Tallychat compares US dollars only.`, null);
        }
        return {
          day: utcDay(bucket.start_time * 1000),
          scope: result.project_id ?? null,
          model: modelOfLineItem(result.line_item ?? null),
          lineItem: result.line_item ?? null,
          amountNanos: dollarNumberToNanos(result.amount.value),
        };
      }),
    ),
  );
}

/** Tokens per day, API key and model: which keys used the account, beside the dollars. */
export async function openAiUsage(endpoint: AccountEndpoint, startMs: number, endMs: number): Promise<BilledUsageLine[]> {
  const what = 'Usage API';
  const pages = await readPagedReport(
    endpoint,
    what,
    completionsPage,
    '/organization/usage/completions',
    {
      start_time: startMs / 1000,
      end_time: endMs / 1000,
      bucket_width: '1d',
      group_by: ['api_key_id', 'model'],
      limit: BUCKETS_PER_PAGE,
    },
    auth(endpoint),
  );
  return pages.flatMap((page) =>
    page.data.flatMap((bucket) =>
      bucket.results.map((result) => ({
        day: utcDay(bucket.start_time * 1000),
        apiKeyId: result.api_key_id ?? null,
        model: result.model ?? null,
        inputTokens: result.input_tokens,
        outputTokens: result.output_tokens,
        requests: result.num_model_requests ?? null,
      })),
    ),
  );
}

/** "gpt-4o-mini-2024-07-18, input" → "gpt-4o-mini-2024-07-18"; a line naming no model → null. */
export function modelOfLineItem(lineItem: string | null): string | null {
  if (lineItem === null) return null;
  const comma = lineItem.indexOf(',');
  return comma > 0 ? lineItem.slice(0, comma).trim() : null;
}
