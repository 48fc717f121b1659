import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { adapterFor } from '../../src/main/core/providers/adapters';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import { vendorKindAt } from '../../src/main/core/providers/vendor-hosts';
import { KEY, counts, endpointFor, run } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const conversation = {
  model: 'm-1',
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: 'Sum 2+2' },
  ],
  stream: true,
  maxOutputTokens: 256,
};

describe('xAI, Mistral and Perplexity get the Chat Completions request each accepts', () => {
  it.each<[ProviderKind, object]>([
    ['xai', { stream_options: { include_usage: true } }],
    // Mistral answers 422 to stream_options; Perplexity reports usage on every chunk unasked.
    ['mistral', {}],
    ['perplexity', {}],
  ])('%s: bearer key, max_tokens, stream_options only where accepted', async (kind, streamOptions) => {
    await run({ ...endpointFor(fake.baseUrl, 'openai'), kind }, conversation);
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toEqual({ model: 'm-1', messages: conversation.messages, stream: true, ...streamOptions, max_tokens: 256 });
  });

  it.each(['mistral', 'perplexity'] as const)('%s: a request for the Responses API is sent through Chat Completions', async (kind) => {
    await run({ ...endpointFor(fake.baseUrl, 'openai'), kind }, { ...conversation, api: 'responses' });
    expect(fake.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it("xAI: a request for the Responses API goes to xAI's Responses API, where its web search lives", async () => {
    await run({ ...endpointFor(fake.baseUrl, 'openai'), kind: 'xai' }, { ...conversation, api: 'responses' });
    expect(fake.requests[0]?.path).toBe('/v1/responses');
  });
});

describe('an OpenAI-compatible endpoint at a vendor\'s own host speaks that vendor\'s dialect', () => {
  it.each([
    ['https://api.x.ai/v1', 'xai'],
    ['https://api.mistral.ai/v1', 'mistral'],
    ['https://api.perplexity.ai', 'perplexity'],
    ['https://gateway.example/v1', undefined],
    ['not a url', undefined],
  ])('%s is %s', (baseUrl, kind) => {
    expect(vendorKindAt(baseUrl)).toBe(kind);
  });

  it('so xAI reached as openai-compatible meters the reasoning its completion_tokens leave out', async () => {
    const body = {
      id: 'x',
      object: 'chat.completion',
      model: 'grok-3-mini',
      choices: [{ index: 0, message: { role: 'assistant', content: '4' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 32, completion_tokens: 1, total_tokens: 323, completion_tokens_details: { reasoning_tokens: 290 } },
    };
    const fetch = async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    const endpoint = { kind: 'openai-compatible' as const, displayName: 'My xAI', baseUrl: 'https://api.x.ai/v1' };
    const outcome = await run(endpoint, { ...conversation, stream: false }, { fetch });
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 32, outputTokens: 291, reasoningTokens: 290 });
  });

  it('so Mistral reached as openai-compatible is not sent stream_options, which it refuses', () => {
    expect(adapterFor({ kind: 'openai-compatible', baseUrl: 'https://api.mistral.ai/v1' }).usesStreamOptions).toBe(false);
    expect(adapterFor({ kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1' }).usesStreamOptions).toBe(true);
  });
});
