import { afterEach, beforeEach, expect, it } from 'vitest';
import { startFakeAccounts, type FakeAccounts } from '../fake-accounts/fake-account-server';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
let accounts: FakeAccounts;
beforeEach(async () => {
  t = await startTestCore();
  accounts = await startFakeAccounts({ bucketsPerPage: 31, keys: { openai: '-', anthropic: '-', openrouter: 'sk-or-chat-key-1', deepseek: '-' } });
});
afterEach(async () => {
  await t.close();
  await accounts.close();
});

it("an OpenRouter answer whose stream carried no cost keeps its generation id, and the bill check fills that cost in beside the row", async () => {
  const provider = await t.addProvider('openrouter', { apiKey: 'sk-or-chat-key-1' });
  t.fake.enqueue({ flavor: 'openrouter', text: 'Routed.', usage: { input: 100, output: 20 } });
  const sent = await t.core.chat.send({ providerId: provider, model: 'openai/gpt-4o', text: 'Hi' });
  await sent.done;
  t.fake.enqueue({ flavor: 'openrouter', text: 'Priced.', usage: { input: 100, output: 20, costUsd: 0.000155 } });
  const priced = await t.core.chat.send({ providerId: provider, model: 'openai/gpt-4o', text: 'Again', conversationId: sent.conversationId });
  await priced.done;

  const id = (requestId: string) => t.core.store.sqlite.prepare<[string], { id: string | null }>('SELECT provider_response_id AS id FROM requests WHERE id = ?').get(requestId)!.id;
  // The fake's chunks carry OpenAI's chunk id; only the answer without a cost keeps it.
  expect(id(sent.requestId)).toBe('chatcmpl-fake');
  expect(id(priced.requestId)).toBeNull();

  // The same provider, its account API answered by the fake accounts server.
  t.core.providers.save({ ...t.core.providers.get(provider)!, baseUrl: `${accounts.baseUrl}/api/v1` });
  accounts.data.openrouterGenerations = { 'chatcmpl-fake': 0.000157 };
  accounts.data.openrouterCredits = { total_credits: 10, total_usage: 0.000312 };
  await t.core.services.billCheck.enable({ providerId: provider });
  const view = await t.core.services.billCheck.run(provider);
  const ours = t.core.ledger.get(sent.requestId)!.costUsdNanos! + t.core.ledger.get(priced.requestId)!.costUsdNanos!;
  const today = view.days.find((day) => day.requests > 0)!;
  expect(today).toMatchObject({ requests: 2, ledgerNanos: ours, billedNanos: 157_000 + 155_000, uncomparedRequests: 0 });
  expect(t.core.ledger.get(sent.requestId)!.providerCostUsdNanos).toBeNull();
});
