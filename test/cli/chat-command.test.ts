import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { useTempDir } from '../helpers/temp-dir';
import { tallychat } from './run-tallychat';

const tempDir = useTempDir();
let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});


const PROTOCOLS = [
  { provider: 'openai', base: () => `${fake.baseUrl}/v1`, model: 'gpt-4o', env: { OPENAI_API_KEY: 'sk-cli-test' }, cost: '$0.000375' },
  { provider: 'anthropic', base: () => fake.baseUrl, model: 'claude-sonnet-4-5', env: { ANTHROPIC_API_KEY: 'sk-ant-cli' }, cost: '$0.00054' },
  { provider: 'gemini', base: () => fake.baseUrl, model: 'gemini-2.5-flash', env: { GEMINI_API_KEY: 'g-cli' }, cost: '$0.000084' },
  { provider: 'ollama', base: () => fake.baseUrl, model: 'llama3.2', env: {}, cost: '$0.00' },
] as const;

describe('tallychat chat against the fake provider', () => {
  for (const p of PROTOCOLS) {
    for (const streamed of [true, false]) {
      it(`${p.provider}, ${streamed ? 'streamed' : 'not streamed'}: prints the answer and a correct summary line`, async () => {
        fake.enqueue({ text: `Answer from ${p.provider}.`, usage: { input: 30, output: 30 } });
        const run = await tallychat(
          ['chat', '--data-dir', tempDir(), '--provider', p.provider, '--base-url', p.base(), '--model', p.model, ...(streamed ? [] : ['--no-stream']), 'Hello'],
          p.env,
        );
        expect(run.code).toBe(0);
        expect(run.stdout).toBe(`Answer from ${p.provider}.\n`);
        expect(run.stderr).toMatch(
          new RegExp(
            `^completed · in 30 tokens \\(cached [0-9n/a]+, cache write [0-9n/a]+\\) · out 30 tokens \\(reasoning [0-9n/a]+\\) · ` +
              `usage reported by provider · cost ${p.cost.replace('$', '\\$').replace('.', '\\.')} · request [0-9a-f-]{36}\\n$`,
          ),
        );
      });
    }
  }

  it('--json prints exactly one JSON object with the normalized usage and an exact decimal cost', async () => {
    fake.enqueue({ text: 'Cached answer.', usage: { input: 1000, output: 100, cachedInput: 800, cacheWrite: 0, reasoning: 40 } });
    const run = await tallychat(
      ['chat', '--json', '--data-dir', tempDir(), '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'gpt-4o', 'Hi'],
      { OPENAI_API_KEY: 'sk-cli-test' },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toEqual({
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'completed',
      text: 'Cached answer.',
      reasoning_text: '',
      usage: { input_tokens: 1000, output_tokens: 100, cached_input_tokens: 800, cache_write_tokens: null, reasoning_tokens: 40 },
      usage_source: 'provider',
      // 200 × $2.50 + 800 × $1.25 + 100 × $10 per MTok = $0.0025
      cost_usd: '0.002500000',
      fees: [],
      sources: [],
      error: null,
    });
  });

  it('a provider error exits 1 with the clear message, also as JSON', async () => {
    fake.enqueue({ fault: { kind: 'status', status: 404, message: 'The model `gpt-9` does not exist' } });
    const args = ['chat', '--data-dir', tempDir(), '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'gpt-9'];
    const run = await tallychat([...args, '--json', 'Hi'], { OPENAI_API_KEY: 'sk-cli-test' });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { status: string; error: string; text: string };
    expect(json.status).toBe('failed');
    expect(json.error).toMatch(/^OpenAI says model not found \(404\): The model `gpt-9` does not exist/);
  });

  it('refuses a base URL that is not http(s), and warns when a key would cross the network unencrypted', async () => {
    const bad = await tallychat(['chat', '--data-dir', tempDir(), '--provider', 'openai', '--base-url', 'file:///etc', '--model', 'm', 'Hi'], {
      OPENAI_API_KEY: 'k',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base-url: Use an http:// or https:// address; file: is not allowed for a provider.');
    // A $0 cap refuses the request at pre-flight, so nothing leaves this machine.
    const dir = tempDir();
    expect((await tallychat(['budget', 'set', '--monthly', '0', '--data-dir', dir])).code).toBe(0);
    const plain = await tallychat(
      ['chat', '--data-dir', dir, '--provider', 'openai', '--base-url', 'http://provider.example/v1', '--model', 'gpt-4o', 'Hi'],
      { OPENAI_API_KEY: 'sk-plain' },
    );
    expect(plain.code).toBe(3);
    expect(plain.stderr).toMatch(/^tallychat chat: warning: .*unencrypted/);
    expect(plain.stderr).not.toContain('sk-plain');
  }, 60_000);

  it('a missing key is a usage error naming the variable', async () => {
    const run = await tallychat(['chat', '--data-dir', tempDir(), '--provider', 'anthropic', '--model', 'claude-sonnet-4-5', 'Hi'], {
      ANTHROPIC_API_KEY: '',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Anthropic needs an API key: set ANTHROPIC_API_KEY or name one with --api-key-env');
  });
});
