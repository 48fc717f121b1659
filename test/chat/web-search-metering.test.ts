import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runCli } from '../../src/main/cli/main';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import { formatUsd, nanodollars } from '../../src/shared/money';
import type { IpcResult, MethodName, RequestOf, ResponseOf } from '../../src/shared/contract';
import type { Scenario } from '../fake-provider/scenario';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

async function ok<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = (await t.core.dispatch(method, request)) as IpcResult<ResponseOf<M>>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const SOURCES = [
  { url: 'https://example.org/tides', title: 'Tide tables' },
  { url: 'https://example.com/moon', title: 'The Moon and the sea' },
];

interface SearchCase {
  kind: ProviderKind;
  model: string;
  scenario: Partial<Scenario>;
  /** The billed units the vendor reports for two searches, and its price per unit in nano-dollars. */
  calls: number;
  price: number;
  /** The most units pre-flight prices with web search on. */
  maxSearches: number;
  path: string;
}

const CASES: SearchCase[] = [
  { kind: 'openai', model: 'gpt-4o', scenario: {}, calls: 2, price: 10_000_000, maxSearches: 5, path: '/v1/responses' },
  { kind: 'anthropic', model: 'claude-sonnet-4-5', scenario: {}, calls: 2, price: 10_000_000, maxSearches: 5, path: '/v1/messages' },
  // Gemini 2.5 bills the grounded prompt once, however many queries it ran; Gemini 3 each query.
  { kind: 'gemini', model: 'gemini-2.5-flash', scenario: {}, calls: 1, price: 35_000_000, maxSearches: 1, path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse' },
  { kind: 'gemini', model: 'gemini-3-pro-preview', scenario: {}, calls: 2, price: 14_000_000, maxSearches: 5, path: '/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse' },
  // OpenRouter bills each result its web plugin returns; the answer's cited results are counted.
  { kind: 'openrouter', model: 'openai/gpt-4o', scenario: { flavor: 'openrouter' }, calls: 2, price: 4_000_000, maxSearches: 5, path: '/v1/chat/completions' },
  { kind: 'xai', model: 'grok-4', scenario: { flavor: 'xai' }, calls: 2, price: 5_000_000, maxSearches: 5, path: '/v1/responses' },
];

describe('web search on each vendor: metered per search on the row, shown on the chip, exported, and counted by caps', () => {
  it.each(CASES)('$kind $model', async ({ kind, model, scenario, calls, price, maxSearches, path }) => {
    const provider = await t.addProvider(kind);
    const off = await t.core.chat.estimate({ providerId: provider, model, text: 'When is high tide?' });
    const on = await t.core.chat.estimate({ providerId: provider, model, text: 'When is high tide?', webSearch: true });
    expect(on.estimate.webSearch).toEqual({ maxSearches, fee: maxSearches * price });
    expect(on.estimate.cost! - off.estimate.cost!).toBe(maxSearches * price);
    expect(off.estimate.webSearch).toBeNull();

    await ok('settingsBudgetSet', { scope: 'provider', scopeValue: provider, cap: '10', strict: true });
    t.fake.enqueue({ text: 'High tide is at 6:12 [1].', usage: { input: 40, output: 9, searches: 2 }, citations: SOURCES, ...scenario });
    const started = await t.core.chat.send({ providerId: provider, model, text: 'When is high tide?', webSearch: true });
    const finished = await started.done;
    expect(finished.status).toBe('completed');
    expect(t.fake.requests.at(-1)!.path).toBe(path);

    const row = t.core.ledger.get(started.requestId)!;
    expect(row.webSearchCalls).toBe(calls);
    expect(row.priceWebSearchUsdNanosPerCall).toBe(price);
    expect(row.webSearchFeeUsdNanos).toBe(calls * price);
    expect(row.costUsdNanos).toBeGreaterThan(calls * price);

    const thread = await ok('conversationGet', { id: started.conversationId });
    const answer = thread.messages.at(-1)!;
    expect(answer.request?.fees).toEqual([{ kind: 'webSearch', calls, feeNanos: calls * price }]);
    expect(answer.sources.map((source) => source.url)).toEqual(SOURCES.map((source) => source.url));
    expect(thread.conversation.webSearch).toBe(true);

    const budgets = await ok('settingsBudgets', {});
    expect(budgets.caps.find((cap) => cap.scopeValue === provider)?.spentNanos).toBe(row.costUsdNanos);

    const csv = await ok('spendingExportCsv', { period: { kind: 'all' }, groupBy: 'request' });
    const [csvRow] = parse(csv.csv, { columns: true, bom: true }) as Record<string, string>[];
    expect(csvRow?.web_search_calls).toBe(String(calls));
    expect(csvRow?.web_search_fee_usd).toBe(formatUsd(nanodollars(calls * price)));

    const out: string[] = [];
    const io: CliIo = { stdout: (text) => void out.push(text), stderr: () => undefined, env: {} };
    expect(await runCli(['report', '--format', 'json', '--period', 'all', '--data-dir', t.dataDir], io)).toBe(0);
    const [reportRow] = JSON.parse(out.join('')) as Record<string, unknown>[];
    expect(reportRow).toMatchObject({ web_search_calls: calls });
  });

  it('a provider without a metered web search says so before Send, and nothing is sent', async () => {
    const provider = await t.addProvider('mistral');
    const { estimate } = await t.core.chat.estimate({ providerId: provider, model: 'mistral-large-latest', text: 'Hi', webSearch: true });
    expect(estimate.blocked).toBe(
      'Fake mistral offers no web search that Tallychat can meter; turn Web search off to send, or choose OpenAI, Anthropic, Gemini, OpenRouter or xAI.',
    );
    await expect(t.core.chat.send({ providerId: provider, model: 'mistral-large-latest', text: 'Hi', webSearch: true })).rejects.toThrow(estimate.blocked!);
    expect(t.fake.requests).toHaveLength(0);
    expect(t.core.store.sqlite.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
  });
});
