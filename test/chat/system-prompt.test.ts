import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetRefusal } from '../../src/main/core/chat/chat-service';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import { countPromptTokens } from '../../src/main/core/tokens/count-prompt-tokens';
import { parseUsd } from '../../src/shared/money';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

const DEFAULT = 'Answer in French.';
const OWN = 'Answer like a pirate.';

async function setDefault(text: string) {
  await expect(t.core.dispatch('settingsDefaultSystemPromptSet', { text })).resolves.toMatchObject({ ok: true, value: { defaultSystemPrompt: text.trim() } });
}

/** One message on a fresh provider of `kind`; the body the fake server received. */
async function sendOne(kind: ProviderKind, model: string, extra: { api?: 'chat' | 'responses'; conversationId?: string; systemPrompt?: string } = {}) {
  const provider = await t.addProvider(kind);
  t.fake.enqueue({ text: 'Oui.', usage: { input: 12, output: 2 } });
  const started = await t.core.chat.send({ providerId: provider, model, text: 'Hello', ...extra });
  expect((await started.done).status).toBe('completed');
  return { conversationId: started.conversationId, body: t.fake.requests.at(-1)!.body as Record<string, unknown>, path: t.fake.requests.at(-1)!.path };
}

describe("the default system prompt goes in each vendor's own system slot", () => {
  beforeEach(() => setDefault(`  ${DEFAULT}\n`));

  it('OpenAI Chat Completions: a first message with role "system"', async () => {
    const { body, path } = await sendOne('openai', 'gpt-4o');
    expect(path).toBe('/v1/chat/completions');
    expect(body.messages).toEqual([
      { role: 'system', content: DEFAULT },
      { role: 'user', content: 'Hello' },
    ]);
  });

  it('OpenAI Responses: instructions, and no system item in the input', async () => {
    const { body, path } = await sendOne('openai', 'gpt-4o', { api: 'responses' });
    expect(path).toBe('/v1/responses');
    expect(body.instructions).toBe(DEFAULT);
    expect(body.input).toEqual([{ role: 'user', content: 'Hello' }]);
  });

  it('Anthropic: the top-level system, and only the user turn in messages', async () => {
    const { body } = await sendOne('anthropic', 'claude-sonnet-4-5');
    expect(body.system).toBe(DEFAULT);
    expect(body.messages).toEqual([{ role: 'user', content: 'Hello' }]);
  });

  it('Gemini: systemInstruction, and only the user turn in contents', async () => {
    const { body } = await sendOne('gemini', 'gemini-2.5-flash');
    expect(body.systemInstruction).toEqual({ parts: [{ text: DEFAULT }] });
    expect(body.contents).toEqual([{ role: 'user', parts: [{ text: 'Hello' }] }]);
  });

  it('Ollama: a first message with role "system"', async () => {
    const { body } = await sendOne('ollama', 'llama3.2');
    expect(body.messages).toEqual([
      { role: 'system', content: DEFAULT },
      { role: 'user', content: 'Hello' },
    ]);
  });

  it('OpenAI-compatible: as OpenAI Chat Completions', async () => {
    const { body } = await sendOne('openai-compatible', 'local-model');
    expect(body.messages).toEqual([
      { role: 'system', content: DEFAULT },
      { role: 'user', content: 'Hello' },
    ]);
  });
});

describe("a conversation's own system prompt", () => {
  it('overrides the default from the next message on, an empty one sends none, and null gives the default back', async () => {
    await setDefault(DEFAULT);
    const { conversationId } = await sendOne('openai', 'gpt-4o');
    const next = async () => {
      t.fake.enqueue({ text: 'Arr.', usage: { input: 12, output: 2 } });
      await (await t.core.chat.send({ providerId: 'openai', model: 'gpt-4o', text: 'Again', conversationId })).done;
      return (t.fake.requests.at(-1)!.body as { messages: { role: string; content: string }[] }).messages[0];
    };

    await expect(t.core.dispatch('conversationSystemPromptSet', { id: conversationId, text: ` ${OWN} ` })).resolves.toMatchObject({
      ok: true,
      value: { id: conversationId, systemPrompt: OWN },
    });
    expect(await next()).toEqual({ role: 'system', content: OWN });

    await t.core.dispatch('conversationSystemPromptSet', { id: conversationId, text: '' });
    expect(await next()).toEqual({ role: 'user', content: 'Hello' });

    await t.core.dispatch('conversationSystemPromptSet', { id: conversationId, text: null });
    expect(await next()).toEqual({ role: 'system', content: DEFAULT });
  });

  it('an empty default sends nothing', async () => {
    const { body } = await sendOne('anthropic', 'claude-sonnet-4-5');
    expect(body).not.toHaveProperty('system');
  });

  it('given with the send (the CLI\'s --system) it is kept with the new conversation and used again', async () => {
    await setDefault(DEFAULT);
    const { conversationId, body } = await sendOne('gemini', 'gemini-2.5-flash', { systemPrompt: OWN });
    expect(body.systemInstruction).toEqual({ parts: [{ text: OWN }] });
    expect(t.core.conversations.get(conversationId)?.systemPrompt).toBe(OWN);
  });

  it('refuses an unknown conversation by name', async () => {
    await expect(t.core.dispatch('conversationSystemPromptSet', { id: 'nope', text: OWN })).resolves.toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'That conversation no longer exists.' },
    });
  });
});

describe('pre-flight counts and prices the system prompt', () => {
  it('the estimate is the tokens of the system prompt and the message, priced; a cap the message alone fits refuses it', async () => {
    const provider = await t.addProvider('openai');
    const request = { providerId: provider, model: 'gpt-4o', text: 'Hello' };
    const without = (await t.core.chat.estimate(request)).estimate;
    const long = 'Always cite the statute by number. '.repeat(200).trim();
    await setDefault(long);
    const withSystem = (await t.core.chat.estimate(request)).estimate;

    const counted = countPromptTokens('gpt-4o', [
      { role: 'system', content: long },
      { role: 'user', content: 'Hello' },
    ]);
    expect(counted.exact).toBe(true);
    expect(withSystem.exact).toBe(true);
    expect(withSystem.inputTokens).toBe(counted.tokens);
    expect(withSystem.inputTokens - without.inputTokens).toBe(SYSTEM_PROMPT_TOKENS);
    // gpt-4o: input $2.50/MTok = 2,500 nano-dollars a token; the expected output is the same.
    expect(withSystem.cost! - without.cost!).toBe(SYSTEM_PROMPT_TOKENS * 2_500);

    // A cap between the two: the message alone would pass, with its system prompt it is refused and nothing is sent.
    t.core.budgets.set({ scope: 'overall', monthlyCap: parseUsd('0.012') }, t.clock());
    expect(without.cost!).toBeLessThan(12_000_000);
    expect(withSystem.cost!).toBeGreaterThan(12_000_000);
    const refusal = (await t.core.chat.send(request).catch((e: unknown) => e)) as BudgetRefusal;
    expect(refusal).toBeInstanceOf(BudgetRefusal);
    expect(t.fake.requests).toEqual([]);
  });
});

/** 200 repetitions of a 7-token instruction, plus the 4 tokens that frame a message, in o200k. */
const SYSTEM_PROMPT_TOKENS = 1_404;
