import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheMinimumTokens, markStablePrefix } from '../../src/main/core/chat/prompt-cache-marks';
import type { ChatMessage } from '../../src/main/core/providers/provider-types';
import { countPromptTokens } from '../../src/main/core/tokens/count-prompt-tokens';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

/** About 1,600 tokens of varied words: past the 1,024-token minimum of Claude Sonnet 4.5. */
const LONG = Array.from({ length: 400 }, (_, i) => `item ${i} blue`).join(', ');
const EPHEMERAL = { type: 'ephemeral' };

/** One earlier exchange on record, then a new user turn sent through the chat service. */
async function secondTurn(kind: 'anthropic' | 'openrouter', model: string, firstText: string) {
  const provider = await t.addProvider(kind);
  t.fake.enqueue({ text: 'Noted.', usage: { input: 10, output: 2 } });
  const first = await t.core.chat.send({ providerId: provider, model, text: firstText });
  await first.done;
  t.fake.enqueue({ text: 'Again.', usage: { input: 10, output: 2 } });
  await (await t.core.chat.send({ providerId: provider, model, text: 'And now?', conversationId: first.conversationId })).done;
  return t.fake.requests[1]!.body as { messages: unknown[] };
}

describe('the stable prefix of a long conversation is marked for Anthropic\'s cache', () => {
  it('Anthropic: the last message before the new turn carries cache_control; the new turn does not', async () => {
    const body = await secondTurn('anthropic', 'claude-sonnet-4-5', LONG);
    expect(body.messages).toEqual([
      { role: 'user', content: LONG },
      { role: 'assistant', content: [{ type: 'text', text: 'Noted.', cache_control: EPHEMERAL }] },
      { role: 'user', content: 'And now?' },
    ]);
  });

  it('OpenRouter to an anthropic/ model: the same mark in a content part', async () => {
    const body = await secondTurn('openrouter', 'anthropic/claude-sonnet-4.5', LONG);
    expect(body.messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Noted.', cache_control: EPHEMERAL }] });
    expect(body.messages[2]).toEqual({ role: 'user', content: 'And now?' });
  });

  it('OpenRouter to another vendor\'s model: plain text', async () => {
    const body = await secondTurn('openrouter', 'openai/gpt-4o', LONG);
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'Noted.' });
  });

  it('a short conversation is not marked: below the minimum nothing would be cached', async () => {
    const body = await secondTurn('anthropic', 'claude-sonnet-4-5', 'Short question');
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'Noted.' });
  });

  it('the General setting turns it off', async () => {
    await expect(t.core.dispatch('settingsPromptCachingSet', { enabled: false })).resolves.toMatchObject({ ok: true, value: { promptCaching: false } });
    const body = await secondTurn('anthropic', 'claude-sonnet-4-5', LONG);
    expect(body.messages[1]).toEqual({ role: 'assistant', content: 'Noted.' });
  });
});

describe('pre-flight prices the marked prefix as a cache write, its worst case', () => {
  it('with the marks on, the estimate is higher by the prefix at the write rate over the input rate', async () => {
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'Noted.', usage: { input: 10, output: 2 } });
    const first = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: LONG });
    await first.done;
    const next = { providerId: provider, model: 'claude-sonnet-4-5', text: 'And now?', conversationId: first.conversationId };
    const marked = (await t.core.chat.estimate(next)).estimate;
    await t.core.dispatch('settingsPromptCachingSet', { enabled: false });
    const plain = (await t.core.chat.estimate(next)).estimate;
    const prefix = countPromptTokens('claude-sonnet-4-5', [
      { role: 'user', content: LONG },
      { role: 'assistant', content: 'Noted.' },
    ]).tokens;
    expect(prefix).toBeGreaterThan(1024);
    // Sonnet 4.5: input $3/MTok, 5-minute cache write $3.75/MTok: 750 nano-dollars more per token.
    expect(marked.cost! - plain.cost!).toBe(prefix * 750);
  });
});

describe('which prefix is marked', () => {
  const tokens = (prefix: readonly ChatMessage[]) => prefix.reduce((sum, m) => sum + m.content.length, 0);

  it('a long system prompt is marked on its own, and the prefix through the last earlier message', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 's'.repeat(1100) },
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'new' },
    ];
    expect(markStablePrefix('anthropic', 'claude-sonnet-4-5', messages, tokens).map((m) => m.cacheBreakpoint ?? false)).toEqual([true, false, true, false]);
  });

  it('each model\'s documented minimum applies, and other vendors get no marks', () => {
    expect([cacheMinimumTokens('claude-sonnet-4-5'), cacheMinimumTokens('claude-haiku-4-5'), cacheMinimumTokens('claude-3-5-haiku-latest')]).toEqual([1024, 4096, 2048]);
    const messages: ChatMessage[] = [
      { role: 'user', content: 'x'.repeat(3000) },
      { role: 'user', content: 'new' },
    ];
    expect(markStablePrefix('anthropic', 'claude-haiku-4-5', messages, tokens).some((m) => m.cacheBreakpoint)).toBe(false);
    expect(markStablePrefix('openai', 'gpt-4o', messages, tokens).some((m) => m.cacheBreakpoint)).toBe(false);
    expect(markStablePrefix('anthropic', 'claude-sonnet-4-5', messages, tokens)[0]?.cacheBreakpoint).toBe(true);
  });
});
