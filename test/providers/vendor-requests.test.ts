import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import { KEY, endpointFor, run } from './helpers';

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

  it('a request for the Responses API is sent through Chat Completions for these kinds', async () => {
    await run({ ...endpointFor(fake.baseUrl, 'openai'), kind: 'xai' }, { ...conversation, api: 'responses' });
    expect(fake.requests[0]?.path).toBe('/v1/chat/completions');
  });
});
