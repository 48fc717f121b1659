import { anthropicCosts, anthropicUsage } from './anthropic-account';
import type { AccountEndpoint, AccountFigures } from './bill-types';
import { deepSeekBalance } from './deepseek-account';
import { openAiCosts, openAiUsage } from './openai-account';
import { openRouterCredits } from './openrouter-account';

/** Everything a vendor's account API says for [startMs, endMs); any failure throws before anything is kept. */
export async function readAccount(endpoint: AccountEndpoint, startMs: number, endMs: number): Promise<AccountFigures> {
  const range = { startMs, endMs };
  switch (endpoint.vendor) {
    case 'openai':
      return { ...range, costs: await openAiCosts(endpoint, startMs, endMs), usage: await openAiUsage(endpoint, startMs, endMs), balances: [] };
    case 'anthropic':
      return { ...range, costs: await anthropicCosts(endpoint, startMs, endMs), usage: await anthropicUsage(endpoint, startMs, endMs), balances: [] };
    case 'openrouter':
      return { ...range, costs: [], usage: [], balances: [await openRouterCredits(endpoint)] };
    case 'deepseek':
      return { ...range, costs: [], usage: [], balances: await deepSeekBalance(endpoint) };
  }
}
