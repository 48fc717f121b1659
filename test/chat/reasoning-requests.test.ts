import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseUsd } from '../../src/shared/money';
import { BudgetRefusal } from '../../src/main/core/chat/chat-service';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import type { ReasoningChoice } from '../../src/shared/reasoning';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

const month = () => new Date(t.clock()).toISOString().slice(0, 7);

async function sendWith(kind: ProviderKind, model: string, reasoning: ReasoningChoice, extra: { api?: 'chat' | 'responses'; maxOutputTokens?: number } = {}) {
  const provider = await t.addProvider(kind);
  t.fake.enqueue({ text: 'Thought it through.', usage: { input: 10, output: 5 } });
  const started = await t.core.chat.send({ providerId: provider, model, text: 'Think', reasoning, ...extra });
  const finished = await started.done;
  expect(finished.status).toBe('completed');
  return t.fake.requests[0]!.body as Record<string, unknown>;
}

describe('the reasoning the user chose reaches each vendor\'s request body', () => {
  it('OpenAI Chat Completions: reasoning_effort', async () => {
    const body = await sendWith('openai', 'gpt-5', { effort: 'minimal' });
    expect(body).toMatchObject({ model: 'gpt-5', reasoning_effort: 'minimal' });
    expect(body).not.toHaveProperty('reasoning');
  });

  it('OpenAI Responses: reasoning with its effort and summaries', async () => {
    const body = await sendWith('openai', 'o3', { effort: 'high' }, { api: 'responses' });
    expect(t.fake.requests[0]!.path).toBe('/v1/responses');
    expect(body.reasoning).toEqual({ effort: 'high', summary: 'auto' });
    expect(body).not.toHaveProperty('reasoning_effort');
  });

  it('OpenAI Responses: o3-mini, which refuses summaries, gets the effort alone', async () => {
    const body = await sendWith('openai', 'o3-mini', { effort: 'low' }, { api: 'responses' });
    expect(body.reasoning).toEqual({ effort: 'low' });
  });

  it('xAI: reasoning_effort for grok-3-mini', async () => {
    const body = await sendWith('xai', 'grok-3-mini', { effort: 'high' });
    expect(body).toMatchObject({ model: 'grok-3-mini', reasoning_effort: 'high' });
  });

  it('OpenRouter: its unified reasoning object', async () => {
    const body = await sendWith('openrouter', 'openai/o4-mini', { effort: 'medium' });
    expect(body.reasoning).toEqual({ effort: 'medium' });
    expect(body).not.toHaveProperty('reasoning_effort');
  });

  it('Anthropic: extended thinking, with max_tokens above the budget by the answer\'s room', async () => {
    const body = await sendWith('anthropic', 'claude-sonnet-4-5', { thinkingBudget: 2048 }, { maxOutputTokens: 1000 });
    expect(body).toMatchObject({ max_tokens: 3048, thinking: { type: 'enabled', budget_tokens: 2048 } });
  });

  it('Gemini 2.5: thinkingConfig with the budget and the thoughts', async () => {
    const body = await sendWith('gemini', 'gemini-2.5-flash', { thinkingBudget: 512 });
    expect(body.generationConfig).toEqual({ thinkingConfig: { thinkingBudget: 512, includeThoughts: true } });
  });

  it('Gemini 3: thinkingConfig with the level', async () => {
    const body = await sendWith('gemini', 'gemini-3-pro-preview', { effort: 'low' });
    expect(body.generationConfig).toEqual({ thinkingConfig: { thinkingLevel: 'low', includeThoughts: true } });
  });

  it('without a choice, no reasoning field is sent', async () => {
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'Plain.', usage: { input: 10, output: 5 } });
    await (await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hi' })).done;
    expect(t.fake.requests[0]!.body).toMatchObject({ max_tokens: 4096 });
    expect(t.fake.requests[0]!.body).not.toHaveProperty('thinking');
  });
});

describe('a choice the model does not take is refused before anything is sent', () => {
  it.each<[ProviderKind, string, ReasoningChoice, string]>([
    ['anthropic', 'claude-sonnet-4-5', { effort: 'high' }, 'claude-sonnet-4-5 takes no reasoning effort (it takes a thinking budget from 1024 to 64000 tokens).'],
    ['anthropic', 'claude-sonnet-4-5', { thinkingBudget: 500 }, 'claude-sonnet-4-5 takes a thinking budget from 1024 to 64000 tokens, not 500.'],
    ['openai', 'gpt-4o', { effort: 'low' }, 'gpt-4o takes no reasoning effort.'],
    ['openai', 'o3', { effort: 'minimal' }, 'o3 takes a reasoning effort of low, medium, high, not minimal.'],
    ['xai', 'grok-3-mini', { effort: 'medium' }, 'grok-3-mini takes a reasoning effort of low, high, not medium.'],
  ])('%s %s %j', async (kind, model, reasoning, message) => {
    const provider = await t.addProvider(kind);
    await expect(t.core.chat.send({ providerId: provider, model, text: 'Think', reasoning })).rejects.toThrow(message);
    expect(t.fake.requests).toEqual([]);
  });
});

describe('pre-flight counts the thinking budget into the worst case', () => {
  it('a request that fits the cap without thinking is refused with it, naming the estimate', async () => {
    const provider = await t.addProvider('anthropic');
    t.core.budgets.set({ scope: 'overall', monthlyCap: parseUsd('0.02') }, t.clock());
    // 1,024 expected output tokens × $15/MTok ≈ $0.0154, under the cap; with 2,000 thinking tokens ≈ $0.0454.
    const plain = await t.core.chat.estimate({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hello' });
    expect(plain.estimate.expectedOutputTokens).toBe(1024);
    const thinking = await t.core.chat.estimate({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hello', reasoning: { thinkingBudget: 2000 } });
    expect(thinking.estimate.expectedOutputTokens).toBe(3024);
    expect(thinking.estimate.cost! - plain.estimate.cost!).toBe(2000 * 15_000);

    const send = t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hello', reasoning: { thinkingBudget: 2000 } });
    const refusal = (await send.catch((e: unknown) => e)) as BudgetRefusal;
    expect(refusal).toBeInstanceOf(BudgetRefusal);
    expect(refusal.message).toBe(
      `Overall monthly cap would be exceeded: $0.00 spent of $0.02 in ${month()}; this request is estimated at $0.0454. ` +
        'Raise the cap, or allow this one request past it.',
    );
    expect(t.fake.requests).toEqual([]);

    t.fake.enqueue({ text: 'Hi.', usage: { input: 8, output: 2 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hello' });
    expect((await started.done).status).toBe('completed');
  });
});
