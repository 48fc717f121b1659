import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, ResponseOf } from '../../src/shared/contract';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;

beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

describe('each vendor\'s billed tokens reach the ledger exactly', () => {
  it('xAI: an answer billing 291 output tokens (290 of them reasoning) is metered as 291, with xAI\'s own cost beside ours', async () => {
    const provider = await t.addProvider('xai');
    t.fake.enqueue({
      flavor: 'xai',
      text: '4',
      reasoning: 'Two plus two is four.',
      usage: { input: 32, output: 291, cachedInput: 6, reasoning: 290, costTicks: 1_551_000 },
    });
    const started = await t.core.chat.send({ providerId: provider, model: 'grok-3-mini', text: 'Sum 2+2' });
    const finished = await started.done;
    expect(finished).toMatchObject({
      status: 'completed',
      text: '4',
      reasoningText: 'Two plus two is four.',
      usage: { inputTokens: 32, outputTokens: 291, cachedInputTokens: 6, reasoningTokens: 290 },
      usageSource: 'provider',
      // grok-3-mini: 26 uncached × $0.30 + 6 cached × $0.075 + 291 out × $0.50 per MTok
      costNanos: 7_800 + 450 + 145_500,
    });
    expect(t.core.ledger.get(started.requestId)).toMatchObject({
      outputTokens: 291,
      reasoningTokens: 290,
      costUsdNanos: 153_750,
      // 1,551,000 ticks at 10^10 ticks a dollar
      providerCostUsdNanos: 155_100,
    });
    expect(t.fake.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('Mistral: a reasoning answer keeps its text and its thinking, priced from the catalog', async () => {
    const provider = await t.addProvider('mistral');
    t.fake.enqueue({ flavor: 'mistral', text: 'The answer is 4.', reasoning: 'Adding two and two.', usage: { input: 40, output: 120 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'magistral-medium-latest', text: 'Sum 2+2' });
    const finished = await started.done;
    expect(finished).toMatchObject({
      status: 'completed',
      text: 'The answer is 4.',
      reasoningText: 'Adding two and two.',
      usage: { inputTokens: 40, outputTokens: 120 },
      usageSource: 'provider',
      // magistral-medium: 40 in × $2 + 120 out × $5 per MTok
      costNanos: 80_000 + 600_000,
    });
    expect(t.core.conversations.messages(started.conversationId)[1]).toMatchObject({ content: 'The answer is 4.', reasoningText: 'Adding two and two.' });
    // Mistral refuses stream_options; its usage comes unasked.
    expect(t.fake.requests[0]?.body).not.toHaveProperty('stream_options');
  });

  it('Perplexity: the answer carries its sources, and Perplexity\'s total cost is kept beside ours', async () => {
    const provider = await t.addProvider('perplexity');
    const citations = [{ url: 'https://example.org/a', title: 'A', date: '2025-01-02' }, { url: 'https://example.org/b', title: 'B' }];
    t.fake.enqueue({ flavor: 'perplexity', text: 'Ledgers are old [1][2].', citations, usage: { input: 12, output: 20, costUsd: 0.005032 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'sonar', text: 'How old are ledgers?' });
    const finished = await started.done;
    expect(finished).toMatchObject({
      status: 'completed',
      text: 'Ledgers are old [1][2].',
      sources: citations,
      usage: { inputTokens: 12, outputTokens: 20 },
      // sonar: 32 tokens × $1 per MTok + a low-context request fee of $5 per 1,000 requests
      costNanos: 32_000 + 5_000_000,
    });
    const row = t.core.ledger.get(started.requestId)!;
    // Perplexity's own figure, request fee included: ours matches it to the nano-dollar.
    expect(row.providerCostUsdNanos).toBe(5_032_000);
    expect(row).toMatchObject({
      costUsdNanos: 5_032_000,
      requestCalls: 1,
      priceRequestUsdNanosPerCall: 5_000_000,
      requestFeeUsdNanos: 5_000_000,
      webSearchCalls: null,
      webSearchFeeUsdNanos: null,
      callFeePriceSource: 'genai-prices@0.1.8+perplexity-request-fees@2025-08',
    });
    expect(JSON.parse(row.rawUsageJson!)).toMatchObject({ num_search_queries: 1, search_context_size: 'low' });
    // The sources are kept with the answer: they are there after a restart.
    const reopened = t.reopen();
    const result = (await reopened.dispatch('conversationGet', { id: started.conversationId })) as IpcResult<ResponseOf<'conversationGet'>>;
    expect(result.ok && result.value.messages.map((m) => [m.content, m.sources])).toEqual([
      ['How old are ledgers?', []],
      ['Ledgers are old [1][2].', citations],
    ]);
  });

  it('OpenAI o3-pro goes through the Responses API by default and is metered from response.completed', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ text: 'Four.', reasoning: 'Simple arithmetic.', usage: { input: 1200, output: 340, cachedInput: 0, reasoning: 300 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'o3-pro', text: 'Sum 2+2' });
    const finished = await started.done;
    expect(t.fake.requests[0]?.path).toBe('/v1/responses');
    expect(finished).toMatchObject({
      status: 'completed',
      text: 'Four.',
      reasoningText: 'Simple arithmetic.',
      usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 0, reasoningTokens: 300 },
      usageSource: 'provider',
      // o3-pro: 1200 in × $20 + 340 out × $80 per MTok
      costNanos: 24_000_000 + 27_200_000,
    });
  });

  it('Anthropic: the 5-minute and 1-hour parts of the cache writes reach the finished request', async () => {
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'Hi.', usage: { input: 5200, output: 40, cachedInput: 700, cacheWrite: 4300, cacheWrite1h: 4000 } });
    const finished = await (await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hello' })).done;
    expect(finished.usage).toEqual({
      inputTokens: 5200,
      outputTokens: 40,
      cachedInputTokens: 700,
      cacheWriteTokens: 4300,
      cacheWrite5mTokens: 300,
      cacheWrite1hTokens: 4000,
    });
    // claude-sonnet-4-5: 200 uncached × $3 + 700 read × $0.30 + 300 5m writes × $3.75 + 4000 1h writes × $6 + 40 out × $15 per MTok
    expect(finished.costNanos).toBe(600_000 + 210_000 + 1_125_000 + 24_000_000 + 600_000);
    expect(t.core.ledger.get(finished.requestId)).toMatchObject({
      cacheWriteTokens: 4300,
      cacheWrite5mTokens: 300,
      cacheWrite1hTokens: 4000,
      priceCacheWriteUsdNanosPerMTok: 3_750_000_000,
      priceCacheWrite1hUsdNanosPerMTok: 6_000_000_000,
      costUsdNanos: 26_535_000,
      requestCalls: null,
      callFeePriceSource: null,
    });
  });
});
