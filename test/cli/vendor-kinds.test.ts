import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { useTempDir } from '../helpers/temp-dir';
import { tallychat } from './run-tallychat';

const tempDir = useTempDir();
let fake: FakeProvider;

beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});


describe('tallychat chat with the newer provider kinds', () => {
  it('--provider xai reads XAI_API_KEY and meters the reasoning xAI leaves out of completion_tokens', async () => {
    fake.enqueue({ flavor: 'xai', text: '4', reasoning: 'Two and two.', usage: { input: 32, output: 291, reasoning: 290, costTicks: 1_551_000 } });
    const run = await tallychat(
      ['chat', '--json', '--data-dir', tempDir(), '--provider', 'xai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'grok-3-mini', 'Sum 2+2'],
      { XAI_API_KEY: 'xai-cli-test' },
    );
    expect(run.code).toBe(0);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer xai-cli-test');
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'completed',
      text: '4',
      usage: { input_tokens: 32, output_tokens: 291, reasoning_tokens: 290 },
      // grok-3-mini: 32 × $0.30 + 291 × $0.50 per MTok
      cost_usd: '0.000155100',
    });
  });

  it('--provider perplexity prints the sources under the answer and names the request fee inside the cost', async () => {
    const sources = [{ url: 'https://example.org/ledgers', title: 'Ledgers' }, { url: 'https://example.com/pacioli' }];
    const answer = { flavor: 'perplexity' as const, text: 'Since 1494 [1][2].', citations: sources, usage: { input: 12, output: 20, searchContext: 'medium' as const } };
    const args = ['chat', '--data-dir', tempDir(), '--provider', 'perplexity', '--base-url', `${fake.baseUrl}/v1`, '--model', 'sonar', 'How old?'];
    fake.enqueue(answer);
    const text = await tallychat(args, { PERPLEXITY_API_KEY: 'pplx-cli-test' });
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('Since 1494 [1][2].\n\nSources:\n[1] Ledgers <https://example.org/ledgers>\n[2] https://example.com/pacioli\n');
    // 32 tokens × $1/MTok + the medium-context request fee $0.008
    expect(text.stderr).toContain(' · cost $0.008032 (request fee $0.008) · ');

    fake.enqueue(answer);
    const json = await tallychat([...args.slice(0, 1), '--json', ...args.slice(1)], { PERPLEXITY_API_KEY: 'pplx-cli-test' });
    expect(JSON.parse(json.stdout)).toMatchObject({
      cost_usd: '0.008032000',
      fees: [{ kind: 'request', calls: 1, fee_usd: '0.008000000' }],
      sources,
    });
  });

  it.each([
    ['mistral', 'MISTRAL_API_KEY'],
    ['perplexity', 'PERPLEXITY_API_KEY'],
  ])('--provider %s without a key names %s', async (kind, variable) => {
    const run = await tallychat(['chat', '--data-dir', tempDir(), '--provider', kind, '--model', 'm', 'Hi'], { [variable]: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`needs an API key: set ${variable} or name one with --api-key-env`);
  });

  it('--provider openai --model o3-pro is sent to the Responses API', async () => {
    fake.enqueue({ text: 'Four.', usage: { input: 1200, output: 340 } });
    const run = await tallychat(
      ['chat', '--data-dir', tempDir(), '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'o3-pro', 'Sum 2+2'],
      { OPENAI_API_KEY: 'sk-cli-test' },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Four.\n');
    expect(fake.requests[0]?.path).toBe('/v1/responses');
    // o3-pro: 1200 × $20 + 340 × $80 per MTok
    expect(run.stderr).toContain('cost $0.0512');
  });
});
