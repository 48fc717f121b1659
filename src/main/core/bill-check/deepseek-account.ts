import { z } from 'zod';
import { accountUrl, getAccountJson } from './account-http';
import { parseWire } from './account-pages';
import type { AccountEndpoint, BalanceFigure } from './bill-types';
import { decimalToNanos, NANOS_PER_DOLLAR } from './decimal-amounts';

/** GET /user/balance: one balance per currency the account holds, amounts as decimal strings. */
const balanceBody = z.object({
  is_available: z.boolean(),
  balance_infos: z.array(
    z.object({ currency: z.string(), total_balance: z.string(), granted_balance: z.string(), topped_up_balance: z.string() }),
  ),
});

export const DEEPSEEK_ENDPOINTS = ['GET /user/balance'] as const;

/** The balance lives at the API's root, beside `/v1`: a base URL ending in /v1 is walked back one step. */
function rootOf(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

export async function deepSeekBalance(endpoint: AccountEndpoint): Promise<BalanceFigure[]> {
  const what = 'balance';
  const body = parseWire(
    endpoint,
    what,
    balanceBody,
    await getAccountJson(endpoint, accountUrl(rootOf(endpoint.baseUrl), '/user/balance', {}), { authorization: `Bearer ${endpoint.key}` }, what),
  );
  // Amounts are in the account's currency (CNY or USD), kept in nano-units of it, never converted.
  return body.balance_infos.map((info) => ({
    currency: info.currency.toUpperCase(),
    totalNanos: decimalToNanos(info.total_balance, NANOS_PER_DOLLAR),
    purchasedNanos: null,
    usedNanos: null,
  }));
}
