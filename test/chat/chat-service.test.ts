import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcResult, ResponseOf } from '../../src/shared/contract';
import type { FinishedRequest } from '../../src/shared/contract/events';
import { countTextTokens } from '../../src/main/core/tokens/count-tokens';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;

beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

const deltasOf = (requestId: string) =>
  t.events.flatMap((e) => (e.type === 'chat.delta' && e.requestId === requestId ? [e] : []));

describe('chat orchestration (the life of one request)', () => {
  it('streams, then finalizes the ledger row and writes the assistant message once, with the provider usage and exact cost', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ text: 'Hello world, this is the answer.', usage: { input: 120, output: 9, cachedInput: 100, reasoning: 0 } });

    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Say hello' });
    const finished = await started.done;

    expect(finished).toMatchObject({
      status: 'completed',
      text: 'Hello world, this is the answer.',
      usage: { inputTokens: 120, outputTokens: 9, cachedInputTokens: 100, reasoningTokens: 0 },
      usageSource: 'provider',
      // 20 uncached × $2.50 + 100 cached × $1.25 + 9 out × $10 per MTok
      costNanos: 50_000 + 125_000 + 90_000,
    });
    const row = t.core.ledger.get(started.requestId)!;
    expect(row).toMatchObject({
      status: 'completed',
      streamed: true,
      inputTokens: 120,
      outputTokens: 9,
      cachedInputTokens: 100,
      usageSource: 'provider',
      costUsdNanos: 265_000,
      priceInputUsdNanosPerMTok: 2_500_000_000,
      priceOutputUsdNanosPerMTok: 10_000_000_000,
      priceCacheReadUsdNanosPerMTok: 1_250_000_000,
      priceSource: expect.stringMatching(/^genai-prices@\d+\.\d+\.\d+$/),
      conversationId: started.conversationId,
      partialText: null,
    });
    // The test clock stands still, so both are exactly zero (the next test moves it).
    expect(row).toMatchObject({ ttftMs: 0, durationMs: 0 });

    const messages = t.core.conversations.messages(started.conversationId);
    expect(messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Say hello', 'complete'],
      ['assistant', 'Hello world, this is the answer.', 'complete'],
    ]);
    expect(messages[1]!.requestId).toBe(started.requestId);
    expect(deltasOf(started.requestId).map((d) => d.text).join('')).toBe('Hello world, this is the answer.');
    expect(t.events.filter((e) => e.type === 'chat.finished')).toHaveLength(1);
    // The request the provider saw: the whole conversation and include_usage.
    expect(t.fake.requests[0]!.body).toMatchObject({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Say hello' }],
    });
  });

  it('measures time to first token and duration on the core\'s clock', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ text: 'Timed answer.', usage: { input: 5, output: 3 } });
    const base = Date.UTC(2026, 2, 10, 12);
    let deltaSeen = false;
    // 250 ms pass while the provider works on the request; 40 more once the first delta is out.
    const core = t.reopen({ clock: () => base + (t.fake.requests.length > 0 ? 250 : 0) + (deltaSeen ? 40 : 0) });
    core.events.subscribe((event) => {
      if (event.type === 'chat.delta') deltaSeen = true;
    });
    const started = await core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Time me' });
    const finished = await started.done;
    expect(finished).toMatchObject({ ttftMs: 250, durationMs: 290 });
    expect(core.ledger.get(started.requestId)).toMatchObject({ startedAt: base, ttftMs: 250, durationMs: 290, finishedAt: base + 290 });
  });

  it('estimates without reading the key (the composer asks on every pause in typing); sending reads it', async () => {
    const provider = await t.addProvider('openai');
    const read = vi.spyOn(t.core.secrets, 'read');
    const { estimate } = await t.core.chat.estimate({ providerId: provider, model: 'gpt-4o', text: 'How much?' });
    expect(estimate.inputTokens).toBeGreaterThan(0);
    expect(read).not.toHaveBeenCalled();
    await (await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'How much?' })).done;
    expect(read).toHaveBeenCalledTimes(1);
    expect(t.fake.requests[0]!.headers.authorization).toBe(`Bearer sk-test-${provider}`);
  });

  it('sends the conversation so far on the next turn', async () => {
    const provider = await t.addProvider('anthropic');
    const first = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'One' });
    await first.done;
    const second = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Two', conversationId: first.conversationId });
    await second.done;
    expect((t.fake.requests[1]!.body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'One' },
      { role: 'assistant', content: 'Echo: One' },
      { role: 'user', content: 'Two' },
    ]);
  });

  it('coalesces a fast stream into at most one delta event per ~16 ms', async () => {
    const provider = await t.addProvider('openai');
    const text = 'x'.repeat(4000);
    t.fake.enqueue({ text, deltaChars: 2, usage: { input: 10, output: 2000 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o-mini', text: 'go' });
    await started.done;
    const deltas = deltasOf(started.requestId);
    expect(deltas.map((d) => d.text).join('')).toBe(text);
    // The per-interval bound itself is checked on a fake timer (delta-coalescer.test.ts), not on this machine's speed.
    expect(deltas.length).toBeLessThan(2000 / 4);
  });

  it('estimates usage when the provider reports none, and never records zero output for text', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ text: 'An answer without a usage report.', usage: null });
    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Hi' });
    const finished = await started.done;
    const expectedOutput = countTextTokens('gpt-4o', 'An answer without a usage report.').tokens;
    expect(finished.usageSource).toBe('estimated');
    expect(finished.usage).toEqual({ inputTokens: started.estimate.inputTokens, outputTokens: expectedOutput });
    expect(expectedOutput).toBeGreaterThan(0);
    expect(t.core.ledger.get(started.requestId)).toMatchObject({ usageSource: 'estimated', outputTokens: expectedOutput, status: 'completed' });
  });

  it('stop keeps the partial answer, marks it stopped and meters it', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ text: 'word '.repeat(400), deltaChars: 5, delayMs: 10, usage: { input: 50, output: 400 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'long please' });
    await waitFor(() => deltasOf(started.requestId).length >= 2);
    expect(t.core.chat.cancel(started.requestId)).toBe(true);
    const finished = await started.done;

    expect(finished.status).toBe('cancelled');
    expect(finished.cancelReason).toBe('user');
    expect(finished.text.length).toBeGreaterThan(0);
    expect(finished.text.length).toBeLessThan(2000);
    const row = t.core.ledger.get(started.requestId)!;
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'user', usageSource: 'estimated' });
    expect(row.outputTokens).toBe(countTextTokens('gpt-4o', finished.text).tokens);
    expect(row.costUsdNanos).toBeGreaterThan(0);
    const assistant = t.core.conversations.messages(started.conversationId)[1]!;
    expect(assistant).toMatchObject({ role: 'assistant', status: 'partial', content: finished.text });
    expect(t.core.chat.cancel(started.requestId)).toBe(false);
  });

  it('a stop before the first token leaves a stopped answer with its cost in the thread', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ text: 'Never sent.', fault: { kind: 'stall', afterBytes: 0 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Tell me a long story' });
    await waitFor(() => t.fake.requests.length === 1);
    expect(t.core.chat.cancel(started.requestId)).toBe(true);
    const finished = await started.done;
    expect(finished).toMatchObject({ status: 'cancelled', cancelReason: 'user', text: '' });

    const row = t.core.ledger.get(started.requestId)!;
    expect(row.costUsdNanos).toBe(finished.costNanos);
    expect(row.costUsdNanos).toBeGreaterThan(0);
    const thread = (await t.core.dispatch('conversationGet', { id: started.conversationId })) as IpcResult<ResponseOf<'conversationGet'>>;
    if (!thread.ok) throw new Error(thread.error.message);
    expect(thread.value.messages.map((m) => [m.role, m.content, m.status, m.request?.status ?? null, m.request?.cancelReason ?? null])).toEqual([
      ['user', 'Tell me a long story', 'complete', null, null],
      ['assistant', '', 'partial', 'cancelled', 'user'],
    ]);
    expect(thread.value.messages[1]!.request!.costNanos).toBe(row.costUsdNanos);
    // The conversation's total and the thread agree: the stopped request is visible where it is counted.
    expect(thread.value.conversation.totalCostNanos).toBe(row.costUsdNanos);
  });

  it('a connection that drops before any answer keeps the prompt estimate: the provider may have billed it', async () => {
    const provider = await t.addProvider('openai');
    t.fake.enqueue({ fault: { kind: 'disconnect', afterBytes: 0 }, times: 3 });
    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Hello there' });
    const finished = await started.done;
    expect(finished.status).toBe('failed');
    expect(t.core.ledger.get(started.requestId)).toMatchObject({ inputTokens: started.estimate.inputTokens, outputTokens: 0 });
    expect(finished.costNanos).toBeGreaterThan(0);
  });

  it('a failure after the first byte is final: partial text kept, flagged, metered', async () => {
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'This answer will be cut off somewhere in the middle.', fault: { kind: 'disconnect', afterBytes: 900 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hi' });
    const finished = await started.done;
    expect(finished.status).toBe('failed');
    expect(finished.error).toMatch(/^Fake anthropic stream ended before it finished/);
    expect(t.fake.requests).toHaveLength(1);
    const row = t.core.ledger.get(started.requestId)!;
    expect(row.status).toBe('failed');
    expect(row.error).toBe(finished.error);
    expect(row.inputTokens).toBeGreaterThan(0);
    expect(finished.text.length).toBeGreaterThan(0);
    expect(t.core.conversations.messages(started.conversationId)[1]).toMatchObject({ status: 'partial', content: finished.text });
  });

  it('a rejected key fails with the vendor\'s words and the status, never the key', async () => {
    const provider = await t.addProvider('anthropic', { apiKey: 'sk-ant-SECRET-1234' });
    t.fake.enqueue({ fault: { kind: 'status', status: 401 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'Hi' });
    const finished: FinishedRequest = await started.done;
    expect(finished).toMatchObject({ status: 'failed', errorCode: 'auth', text: '' });
    expect(finished.error).toMatch(/^Fake anthropic rejected the key \(401\)/);
    expect(finished.error).not.toContain('SECRET');
    // The failure keeps its type across the boundary: the window can tell "try again" from "fix the key".
    expect(finished.failure).toEqual({ code: 'auth', message: finished.error, retryable: false, status: 401 });
    const event = t.events.find((e) => e.type === 'chat.finished' && e.request.requestId === started.requestId);
    expect(event).toMatchObject({ meta: { requestId: started.requestId, status: 'failed', providerName: 'Fake anthropic', error: finished.error } });
    // The provider refused before running the prompt: nothing was used, nothing is charged.
    const row = t.core.ledger.get(started.requestId)!;
    expect(row).toMatchObject({ status: 'failed', inputTokens: 0, outputTokens: 0, usageSource: 'estimated', costUsdNanos: 0 });
    expect(t.core.conversations.messages(started.conversationId)[1]).toMatchObject({ role: 'assistant', status: 'failed', content: '' });
  });

  it('the non-streaming path goes through the same ledger', async () => {
    const provider = await t.addProvider('gemini');
    t.fake.enqueue({ text: 'Whole answer.', usage: { input: 30, output: 4, reasoning: 2 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'gemini-2.5-flash', text: 'Hi', stream: false });
    const finished = await started.done;
    expect(finished).toMatchObject({ status: 'completed', text: 'Whole answer.', usageSource: 'provider' });
    expect(finished.usage).toMatchObject({ inputTokens: 30, outputTokens: 4, reasoningTokens: 2 });
    expect(t.core.ledger.get(started.requestId)).toMatchObject({ streamed: false, status: 'completed', outputTokens: 4 });
    expect(t.fake.requests[0]!.path).toContain(':generateContent');
  });

  it('keeps reasoning apart from the answer and meters it', async () => {
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'The answer is 4.', reasoning: 'Two plus two is four.', usage: { input: 12, output: 20, reasoning: 8 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: '2+2?' });
    const finished = await started.done;
    expect(finished.text).toBe('The answer is 4.');
    expect(finished.reasoningText).toBe('Two plus two is four.');
    expect(t.core.conversations.messages(started.conversationId)[1]).toMatchObject({
      content: 'The answer is 4.',
      reasoningText: 'Two plus two is four.',
    });
  });

  it('regenerate replaces the last turn', async () => {
    const provider = await t.addProvider('openai');
    const first = await t.core.chat.send({ providerId: provider, model: 'gpt-4o-mini', text: 'Question' });
    await first.done;
    const again = await t.core.chat.send({
      providerId: provider,
      model: 'gpt-4o-mini',
      text: 'Question, rephrased',
      conversationId: first.conversationId,
      replaceFromMessageId: first.userMessageId,
    });
    await again.done;
    expect(t.core.conversations.messages(first.conversationId).map((m) => m.content)).toEqual([
      'Question, rephrased',
      'Echo: Question, rephrased',
    ]);
    // Both calls stay in the ledger: the first one was billed.
    expect(t.core.store.sqlite.prepare("SELECT count(*) AS n FROM requests WHERE status = 'completed'").get()).toEqual({ n: 2 });
  });
});

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
