import { z } from 'zod';
import { accountUrl, BillFetchError, getAccountJson } from './account-http';
import { parseWire } from './account-pages';
import type { AccountEndpoint, BalanceFigure } from './bill-types';
import { dollarNumberToNanos } from './decimal-amounts';
import type { Nanodollars } from '../../../shared/money';

/** GET /api/v1/credits: dollars bought and used so far by the account. */
const creditsBody = z.object({ data: z.object({ total_credits: z.number(), total_usage: z.number() }) });

/** GET /api/v1/generation?id=: one generation's stats, with what it cost. */
const generationBody = z.object({ data: z.object({ id: z.string(), total_cost: z.number() }) });

export const OPENROUTER_ENDPOINTS = ['GET /credits', 'GET /generation?id=… (for requests whose stream carried no cost)'] as const;

const auth = (endpoint: AccountEndpoint) => ({ authorization: `Bearer ${endpoint.key}` });

export async function openRouterCredits(endpoint: AccountEndpoint): Promise<BalanceFigure> {
  const what = 'credits';
  const body = parseWire(endpoint, what, creditsBody, await getAccountJson(endpoint, accountUrl(endpoint.baseUrl, '/credits', {}), auth(endpoint), what));
  const purchased = dollarNumberToNanos(body.data.total_credits);
  const used = dollarNumberToNanos(body.data.total_usage);
  return { currency: 'USD', totalNanos: purchased - used, purchasedNanos: purchased, usedNanos: used };
}

/**
 * One generation's cost; undefined while OpenRouter has no stats for it yet (it answers 404 for
 * a few seconds after a generation), so the next check asks again.
 */
export async function openRouterGenerationCost(endpoint: AccountEndpoint, generationId: string): Promise<Nanodollars | undefined> {
  const what = 'generation stats';
  try {
    const body = parseWire(
      endpoint,
      what,
      generationBody,
      await getAccountJson(endpoint, accountUrl(endpoint.baseUrl, '/generation', { id: generationId }), auth(endpoint), what),
    );
    return dollarNumberToNanos(body.data.total_cost);
  } catch (error) {
    if (error instanceof BillFetchError && error.status === 404) return undefined;
    throw error;
  }
}
