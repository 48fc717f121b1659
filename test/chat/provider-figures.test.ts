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

async function thread(id: string): Promise<ResponseOf<'conversationGet'>> {
  const result = (await t.core.dispatch('conversationGet', { id })) as IpcResult<ResponseOf<'conversationGet'>>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const finishedMeta = (requestId: string) =>
  t.events.flatMap((e) => (e.type === 'chat.finished' && e.request.requestId === requestId ? [e.meta] : []))[0];

describe('the provider\'s own figure and what caching saved, on the message and the conversation', () => {
  it('xAI: its ticks and the caching saving reach the finished event and the thread, equal to the ledger row', async () => {
    const provider = await t.addProvider('xai');
    t.fake.enqueue({ flavor: 'xai', text: '4', usage: { input: 32, output: 291, cachedInput: 6, reasoning: 290, costTicks: 1_551_000 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'grok-3-mini', text: 'Sum 2+2' });
    const finished = await started.done;
    // grok-3-mini: 6 cached tokens at $0.075 instead of $0.30 per MTok
    expect(finished).toMatchObject({ providerCostNanos: 155_100, cacheSavedNanos: 1_350 });
    expect(finishedMeta(started.requestId)).toMatchObject({ providerCostNanos: 155_100, cacheSavedNanos: 1_350, costNanos: 153_750 });

    const view = await thread(started.conversationId);
    const row = t.core.ledger.get(started.requestId)!;
    expect(view.messages[1]?.request).toMatchObject({ providerCostNanos: row.providerCostUsdNanos, cacheSavedNanos: 1_350 });
    expect(view.conversation).toMatchObject({ totalCostNanos: 153_750, cacheSavedNanos: 1_350 });
  });

  it('OpenRouter: usage.cost reaches the message as the provider\'s figure, exactly', async () => {
    const provider = await t.addProvider('openrouter');
    t.fake.enqueue({ flavor: 'openrouter', text: 'Routed.', usage: { input: 100, output: 20, costUsd: 0.000155 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'openai/gpt-4o', text: 'Hi' });
    expect(await started.done).toMatchObject({ providerCostNanos: 155_000 });
    expect(finishedMeta(started.requestId)).toMatchObject({ providerCostNanos: 155_000 });
    expect(t.core.ledger.get(started.requestId)?.providerCostUsdNanos).toBe(155_000);
  });

  it('OpenAI: no provider figure (null, not zero); the conversation sums the savings of every answer', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ text: 'First.', usage: { input: 2_000, output: 10, cachedInput: 1_024 } });
    const first = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Hi' });
    await first.done;
    t.fake.enqueue({ text: 'Second.', usage: { input: 3_000, output: 10, cachedInput: 2_048 } });
    const second = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Again', conversationId: first.conversationId });
    const finished = await second.done;
    // No provider figure from OpenAI: none is shown, not a zero.
    expect(finished.providerCostNanos).toBeNull();
    // gpt-4o: $2.50 vs $1.25 per MTok cached → 1,024 × 1,250 = 1,280,000; 2,048 × 1,250 = 2,560,000
    expect(finished.cacheSavedNanos).toBe(2_560_000);
    const view = await thread(first.conversationId);
    expect(view.conversation.cacheSavedNanos).toBe(1_280_000 + 2_560_000);
  });

  it('an answer that read nothing from the cache saved exactly zero', async () => {
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'Plain.', usage: { input: 40, output: 5 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hi' });
    const finished = await started.done;
    expect(finished.usage.cachedInputTokens).toBe(0);
    expect(finished.cacheSavedNanos).toBe(0);
    const view = await thread(started.conversationId);
    expect(view.conversation.cacheSavedNanos).toBe(0);
  });
});
