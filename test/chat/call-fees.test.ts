import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, MethodName, RequestOf, ResponseOf } from '../../src/shared/contract';
import { CATALOG_VERSION } from '../../src/main/core/pricing/catalog-prices';
import { BudgetRefusal } from '../../src/main/core/chat/chat-service';
import { recoverInterrupted } from '../../src/main/core/chat/recover-interrupted';
import { PriceCatalog } from '../../src/main/core/pricing/price-catalog';
import { nanodollars, parseUsd } from '../../src/shared/money';
import { startTestCore, type TestCore } from '../helpers/test-core';
import { priceDataText, startPriceServer } from '../pricing/price-data-fixture';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

const SEEDS = [7001, 7002, 7003];
const TEXT = 'Ledgers are old [1]. Grüße 🌍 — “quotes”. '.repeat(4);
const SOURCES = [{ url: 'https://example.org/ledgers', title: 'Ledgers' }];
const bundled = `genai-prices@${CATALOG_VERSION}`;

async function ok<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const result = (await t.core.dispatch(method, request)) as IpcResult<ResponseOf<M>>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("Perplexity's request fee is a priced component of the row", () => {
  // sonar: $1/MTok in and out; the request fee per 1,000 requests by search context: $5 low, $8 medium, $12 high.
  const cases = [
    { searchContext: 'low', fee: 5_000_000, costUsd: 0.005322 },
    { searchContext: 'medium', fee: 8_000_000, costUsd: 0.008322 },
    { searchContext: 'high', fee: 12_000_000, costUsd: 0.012322 },
  ] as const;

  it.each(cases)('$searchContext search context: exact cost and fee columns, streamed and not, split at random', async ({ searchContext, fee, costUsd }) => {
    const provider = await t.addProvider('perplexity');
    for (const stream of [true, false]) {
      for (const seed of SEEDS) {
        t.fake.enqueue({
          flavor: 'perplexity',
          text: TEXT,
          citations: SOURCES,
          deltaChars: 7,
          split: { seed, maxBytes: 33 },
          usage: { input: 12, output: 310, searchContext, costUsd },
        });
        const started = await t.core.chat.send({ providerId: provider, model: 'sonar', text: 'How old are ledgers?', stream });
        const finished = await started.done;
        const context = `${stream ? 'streamed' : 'whole'} seed ${seed}`;
        expect(finished.text, context).toBe(TEXT);
        expect(finished.sources, context).toEqual(SOURCES);
        // 322 tokens × $1/MTok + the fee: what Perplexity says it charged, to the nano-dollar.
        expect(finished.costNanos, context).toBe(322_000 + fee);
        expect(finished.providerCostNanos, context).toBe(322_000 + fee);
        expect(t.core.ledger.get(started.requestId), context).toMatchObject({
          inputTokens: 12,
          outputTokens: 310,
          costUsdNanos: 322_000 + fee,
          requestCalls: 1,
          priceRequestUsdNanosPerCall: fee,
          requestFeeUsdNanos: fee,
          // sonar's searches are covered by its request fee: the catalog has no per-search price for it.
          webSearchCalls: null,
          priceWebSearchUsdNanosPerCall: null,
          webSearchFeeUsdNanos: null,
          callFeePriceSource: `${bundled}+perplexity-request-fees@2025-08`,
          priceSource: bundled,
        });
      }
    }
  });

  it('a request the provider refused pays no fee; the message shows the fee it paid', async () => {
    const provider = await t.addProvider('perplexity');
    t.fake.enqueue({ fault: { kind: 'status', status: 401 } });
    const refused = await (await t.core.chat.send({ providerId: provider, model: 'sonar', text: 'Hi' })).done;
    expect(refused.status).toBe('failed');
    expect(t.core.ledger.get(refused.requestId)).toMatchObject({ costUsdNanos: 0, requestCalls: 0, requestFeeUsdNanos: 0 });
    expect(refused.fees).toEqual([]);

    t.fake.enqueue({ flavor: 'perplexity', text: 'Yes.', usage: { input: 10, output: 2 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'sonar', text: 'Again' });
    await started.done;
    const answer = t.core.conversations.messages(started.conversationId).at(-1)!;
    expect(answer.content).toBe('Yes.');
    const thread = await ok('conversationGet', { id: started.conversationId });
    expect(thread.messages.at(-1)?.request).toMatchObject({
      costNanos: 12_000 + 5_000_000,
      fees: [{ kind: 'request', calls: 1, feeNanos: 5_000_000 }],
    });
  });

  it("pre-flight's worst case includes the highest request fee, so a cap cannot be passed by it", async () => {
    const provider = await t.addProvider('perplexity');
    const { estimate } = await t.core.chat.estimate({ providerId: provider, model: 'sonar', text: 'Hello' });
    const tokensOnly = (estimate.inputTokens + estimate.expectedOutputTokens) * 1_000;
    expect(estimate.cost).toBe(tokensOnly + 12_000_000);

    // $0.012 holds the tokens ($0.001…) but not the tokens and a high-context fee.
    t.core.budgets.set({ scope: 'overall', monthlyCap: parseUsd('0.012') }, t.clock());
    const refusal = await t.core.chat.send({ providerId: provider, model: 'sonar', text: 'Hello' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(BudgetRefusal);
    expect(t.fake.requests).toEqual([]);
  });

  it("a user's price names its own request fee; one without a fee keeps the catalog's, each row saying where its fee came from", async () => {
    const provider = await t.addProvider('perplexity');
    const tokensOnly = await ok('settingsPriceOverrideAdd', { providerId: provider, model: 'sonar', input: '2', output: '2', effectiveFrom: '2020-01-01' });
    const send = async () => {
      t.fake.enqueue({ flavor: 'perplexity', text: 'Yes.', usage: { input: 10, output: 2, searchContext: 'medium' } });
      const started = await t.core.chat.send({ providerId: provider, model: 'sonar', text: 'Hi' });
      await started.done;
      return t.core.ledger.get(started.requestId)!;
    };
    expect(await send()).toMatchObject({
      costUsdNanos: 24_000 + 8_000_000,
      priceSource: `override:${tokensOnly.activeOverrideId}`,
      requestFeeUsdNanos: 8_000_000,
      callFeePriceSource: `${bundled}+perplexity-request-fees@2025-08`,
    });

    t.clock.advance(1000);
    const withFee = await ok('settingsPriceOverrideAdd', {
      providerId: provider,
      model: 'sonar',
      input: '2',
      output: '2',
      requestFee: '0.004',
      effectiveFrom: '2020-01-02',
    });
    expect(withFee.overrides.at(-1)).toMatchObject({ requestFeeNanos: 4_000_000, webSearchFeeNanos: null, cacheWrite1hNanosPerMTok: null });
    expect(await send()).toMatchObject({
      costUsdNanos: 24_000 + 4_000_000,
      priceRequestUsdNanosPerCall: 4_000_000,
      requestFeeUsdNanos: 4_000_000,
      callFeePriceSource: `override:${withFee.activeOverrideId}`,
    });

    // A price naming only a per-search fee keeps the catalog's request fee, by search context: the source names both.
    t.clock.advance(1000);
    const searchOnly = await ok('settingsPriceOverrideAdd', {
      providerId: provider,
      model: 'sonar',
      input: '2',
      output: '2',
      webSearchFee: '0.002',
      effectiveFrom: '2020-01-03',
    });
    expect(await send()).toMatchObject({
      // 12 tokens × $2 + the medium-context request fee $0.008 + 1 search × $0.002
      costUsdNanos: 24_000 + 8_000_000 + 2_000_000,
      requestFeeUsdNanos: 8_000_000,
      webSearchCalls: 1,
      priceWebSearchUsdNanosPerCall: 2_000_000,
      webSearchFeeUsdNanos: 2_000_000,
      callFeePriceSource: `override:${searchOnly.activeOverrideId}+${bundled}+perplexity-request-fees@2025-08`,
    });
  });
});

describe('a request left open by a crash', () => {
  it('is recovered with the request fee the provider most likely billed: the highest, as its search context is unknown', () => {
    t.core.ledger.open({
      id: 'crashed',
      conversationId: null,
      userMessageId: null,
      providerId: 'perplexity',
      providerKind: 'perplexity',
      model: 'sonar',
      streamed: true,
      estimatedInputTokens: 12,
      reservation: nanodollars(0),
      startedAt: t.clock(),
      ownerPid: process.pid,
    });
    expect(recoverInterrupted(t.core.ledger, t.core.overrides, new PriceCatalog(t.dataDir), t.clock() + 1000).interrupted).toHaveLength(1);
    expect(t.core.ledger.get('crashed')).toMatchObject({
      status: 'interrupted',
      // 12 prompt tokens × $1/MTok + sonar's high-context fee
      costUsdNanos: 12_000 + 12_000_000,
      requestCalls: 1,
      requestFeeUsdNanos: 12_000_000,
      callFeePriceSource: `${bundled}+perplexity-request-fees@2025-08`,
    });
  });
});

describe("Anthropic's 1-hour cache writes", () => {
  it('claude sonnet 4: 5-minute writes at $3.75 and 1-hour writes at $6 per MTok, streamed and not, split at random', async () => {
    const provider = await t.addProvider('anthropic');
    for (const stream of [true, false]) {
      for (const seed of SEEDS) {
        t.fake.enqueue({
          text: TEXT,
          deltaChars: 5,
          split: { seed, maxBytes: 29 },
          usage: { input: 4050, output: 200, cachedInput: 1000, cacheWrite: 3000, cacheWrite1h: 2000 },
        });
        const started = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-0', text: 'Hello', stream });
        const finished = await started.done;
        const context = `${stream ? 'streamed' : 'whole'} seed ${seed}`;
        // 50 uncached × $3 + 1000 read × $0.30 + 1000 5m writes × $3.75 + 2000 1h writes × $6 + 200 out × $15 per MTok
        expect(finished.costNanos, context).toBe(150_000 + 300_000 + 3_750_000 + 12_000_000 + 3_000_000);
        expect(t.core.ledger.get(started.requestId), context).toMatchObject({
          inputTokens: 4050,
          cachedInputTokens: 1000,
          cacheWriteTokens: 3000,
          cacheWrite5mTokens: 1000,
          cacheWrite1hTokens: 2000,
          priceCacheWriteUsdNanosPerMTok: 3_750_000_000,
          priceCacheWrite1hUsdNanosPerMTok: 6_000_000_000,
          costUsdNanos: 19_200_000,
        });
      }
    }
  });

  it("a user's price sets the 1-hour rate; without one, Anthropic's rule of twice the input price applies", async () => {
    const provider = await t.addProvider('anthropic');
    const usage = { input: 2100, output: 1, cacheWrite: 2000, cacheWrite1h: 2000 };
    await ok('settingsPriceOverrideAdd', { providerId: provider, model: 'claude-house', input: '4', output: '20', effectiveFrom: '2020-01-01' });
    t.fake.enqueue({ text: 'A.', usage });
    const ruled = await (await t.core.chat.send({ providerId: provider, model: 'claude-house', text: 'Hi' })).done;
    // 100 uncached × $4 + 2000 1h writes × $8 (2 × $4) + 1 out × $20 per MTok
    expect(t.core.ledger.get(ruled.requestId)).toMatchObject({ costUsdNanos: 400_000 + 16_000_000 + 20_000, priceCacheWrite1hUsdNanosPerMTok: 8_000_000_000 });

    t.clock.advance(1000);
    await ok('settingsPriceOverrideAdd', { providerId: provider, model: 'claude-house', input: '4', output: '20', cacheWrite1h: '7.5', effectiveFrom: '2020-01-02' });
    t.fake.enqueue({ text: 'A.', usage });
    const own = await (await t.core.chat.send({ providerId: provider, model: 'claude-house', text: 'Hi' })).done;
    expect(t.core.ledger.get(own.requestId)).toMatchObject({ costUsdNanos: 400_000 + 15_000_000 + 20_000, priceCacheWrite1hUsdNanosPerMTok: 7_500_000_000 });
  });
});

describe('a changed price file leaves every old row unchanged, fee and 1-hour columns included', () => {
  it('old rows stay as charged; new rows are priced from the new data', async () => {
    const data = JSON.parse(priceDataText({ input: 5, cacheRead: 2.5, output: 20 })) as { id: string; models: { prices: object }[] }[];
    data.find((p) => p.id === 'perplexity')!.models[0]!.prices = { input_mtok: 1, output_mtok: 1, requests_kcount: 20 };
    data.find((p) => p.id === 'anthropic')!.models[0]!.prices = { input_mtok: 3, output_mtok: 15, cache_write_mtok: 4, cache_write_1h_mtok: 7 };
    const server = await startPriceServer({ '/data.json': { body: JSON.stringify(data) } });
    try {
      const perplexity = await t.addProvider('perplexity');
      const anthropic = await t.addProvider('anthropic');
      const sendBoth = async () => {
        t.fake.enqueue({ flavor: 'perplexity', text: 'P.', usage: { input: 10, output: 2 } });
        const p = await t.core.chat.send({ providerId: perplexity, model: 'sonar', text: 'Hi' });
        await p.done;
        t.fake.enqueue({ text: 'A.', usage: { input: 2100, output: 1, cacheWrite: 2000, cacheWrite1h: 1000 } });
        const a = await t.core.chat.send({ providerId: anthropic, model: 'claude-sonnet-4-5', text: 'Hi' });
        await a.done;
        return [p.requestId, a.requestId] as const;
      };
      const [oldP, oldA] = await sendBoth();
      const before = [t.core.ledger.get(oldP), t.core.ledger.get(oldA)];
      expect(before[0]).toMatchObject({ costUsdNanos: 12_000 + 5_000_000, requestFeeUsdNanos: 5_000_000 });
      // 100 × $3 + 1000 5m writes × $3.75 + 1000 1h writes × $6 + 1 out × $15 per MTok
      expect(before[1]).toMatchObject({ costUsdNanos: 300_000 + 3_750_000 + 6_000_000 + 15_000, priceCacheWrite1hUsdNanosPerMTok: 6_000_000_000 });

      const view = await ok('pricesUpdate', { url: server.url('/data.json') });
      t.clock.advance(60_000);
      const [newP, newA] = await sendBoth();

      expect([t.core.ledger.get(oldP), t.core.ledger.get(oldA)]).toEqual(before);
      // The new data's $20 per 1,000 requests is not Perplexity's table's "high": the catalog's figure is charged as it is.
      expect(t.core.ledger.get(newP)).toMatchObject({
        costUsdNanos: 12_000 + 20_000_000,
        priceRequestUsdNanosPerCall: 20_000_000,
        callFeePriceSource: view.source,
      });
      // 100 × $3 + 1000 × $4 + 1000 × $7 + 1 × $15 per MTok
      expect(t.core.ledger.get(newA)).toMatchObject({ costUsdNanos: 300_000 + 4_000_000 + 7_000_000 + 15_000, priceCacheWrite1hUsdNanosPerMTok: 7_000_000_000 });
    } finally {
      await server.close();
    }
  });
});
