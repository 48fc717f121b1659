import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatCommand } from '../../src/main/cli/commands/chat-command';
import { runCli } from '../../src/main/cli/main';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const ENV = { OPENAI_API_KEY: 'sk-cli', ANTHROPIC_API_KEY: 'sk-ant-cli', XAI_API_KEY: 'xai-cli' };

async function tallychat(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), env: ENV });
  return { code, stdout, stderr };
}

const chat = (provider: string, model: string, ...flags: string[]) => {
  const base = provider === 'anthropic' ? fake.baseUrl : `${fake.baseUrl}/v1`;
  return tallychat(['chat', '--data-dir', tempDir(), '--provider', provider, '--base-url', base, '--model', model, ...flags, 'Think']);
};

describe('tallychat chat --api, --reasoning-effort and --thinking-budget', () => {
  it('--api responses --reasoning-effort high reaches the Responses API with the effort and summaries', async () => {
    fake.enqueue({ protocol: 'openai-responses', text: 'Deep answer.', usage: { input: 20, output: 40, reasoning: 30 } });
    const run = await chat('openai', 'o3', '--api', 'responses', '--reasoning-effort', 'high');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Deep answer.\n');
    expect(fake.requests[0]).toMatchObject({ path: '/v1/responses', body: { model: 'o3', reasoning: { effort: 'high', summary: 'auto' } } });
  });

  it('--api chat --reasoning-effort minimal reaches Chat Completions as reasoning_effort', async () => {
    fake.enqueue({ text: 'Quick answer.', usage: { input: 20, output: 4 } });
    const run = await chat('openai', 'gpt-5', '--api', 'chat', '--reasoning-effort', 'minimal');
    expect(run.code).toBe(0);
    expect(fake.requests[0]).toMatchObject({ path: '/v1/chat/completions', body: { model: 'gpt-5', reasoning_effort: 'minimal' } });
  });

  it('--thinking-budget reaches Anthropic as extended thinking, max_tokens above the budget', async () => {
    fake.enqueue({ text: 'Considered.', usage: { input: 20, output: 400 } });
    const run = await chat('anthropic', 'claude-sonnet-4-5', '--thinking-budget', '2048', '--max-tokens', '500');
    expect(run.code).toBe(0);
    expect(fake.requests[0]?.body).toMatchObject({ max_tokens: 2548, thinking: { type: 'enabled', budget_tokens: 2048 } });
  });

  it.each<[string, string, string[], string]>([
    ['openai', 'o3', ['--api', 'soap'], '--api takes responses or chat, not "soap"'],
    ['openai', 'o3', ['--reasoning-effort', 'max'], '--reasoning-effort takes minimal, low, medium, high, not "max"'],
    ['anthropic', 'claude-sonnet-4-5', ['--thinking-budget', '2k'], '--thinking-budget takes a positive whole number of tokens'],
    ['anthropic', 'claude-sonnet-4-5', ['--thinking-budget', '0'], '--thinking-budget takes a positive whole number of tokens'],
    ['openai', 'o3', ['--reasoning-effort', 'low', '--thinking-budget', '1024'], 'give --reasoning-effort or --thinking-budget, not both'],
    ['anthropic', 'claude-sonnet-4-5', ['--api', 'responses'], '--api applies to openai, openrouter and openai-compatible providers, not anthropic'],
    ['anthropic', 'claude-sonnet-4-5', ['--reasoning-effort', 'high'], 'claude-sonnet-4-5 takes no reasoning effort (it takes a thinking budget from 1024 to 64000 tokens).'],
    ['anthropic', 'claude-sonnet-4-5', ['--thinking-budget', '100'], 'claude-sonnet-4-5 takes a thinking budget from 1024 to 64000 tokens, not 100.'],
    ['openai', 'gpt-4o', ['--reasoning-effort', 'low'], 'gpt-4o takes no reasoning effort.'],
    ['openai', 'o3', ['--thinking-budget', '2048'], 'o3 takes no thinking budget (it takes a reasoning effort: low, medium, high).'],
  ])('%s %s %j is a usage error', async (provider, model, flags, message) => {
    const run = await chat(provider, model, ...flags);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `tallychat chat: ${message}\nUsage: ${chatCommand.usage}\n` });
    expect(fake.requests).toEqual([]);
  });
});
