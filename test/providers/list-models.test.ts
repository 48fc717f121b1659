import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { listModels } from '../../src/main/core/providers/call-provider';
import { ProviderError } from '../../src/main/core/providers/provider-error';
import { FAST, KEY, endpointFor } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe('listModels', () => {
  it('lists OpenAI-style models from {base}/models', async () => {
    expect(await listModels(endpointFor(fake.baseUrl, 'openai'), FAST)).toEqual(['gpt-4o-mini', 'gpt-4o', 'o4-mini']);
    expect(fake.requests[0]?.path).toBe('/v1/models');
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('follows Anthropic\'s pages', async () => {
    expect(await listModels(endpointFor(fake.baseUrl, 'anthropic'), FAST)).toEqual([
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'claude-opus-4-1',
    ]);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1/models?limit=1000', '/v1/models?limit=1000&after_id=claude-haiku-4-5']);
    expect(fake.requests[0]?.headers['x-api-key']).toBe(KEY);
  });

  it('follows Gemini\'s pages and keeps only models that generate content', async () => {
    expect(await listModels(endpointFor(fake.baseUrl, 'gemini'), FAST)).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro']);
    expect(fake.requests.map((r) => r.path)).toEqual(['/v1beta/models?pageSize=1000', '/v1beta/models?pageSize=1000&pageToken=2']);
  });

  it('lists Ollama\'s local tags', async () => {
    fake.enqueue({ endpoint: 'models', models: ['llama3.2:latest', 'mistral:7b'] });
    expect(await listModels(endpointFor(fake.baseUrl, 'ollama'), FAST)).toEqual(['llama3.2:latest', 'mistral:7b']);
    expect(fake.requests[0]?.path).toBe('/api/tags');
  });

  it('throws a ProviderError with the vendor\'s words', async () => {
    fake.enqueue({ endpoint: 'models', expectApiKey: 'another' });
    const error = await listModels(endpointFor(fake.baseUrl, 'anthropic'), FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe('Anthropic rejected the key (401): invalid x-api-key');
  });

  it('says "endpoint" for a 404, and calls a body of the wrong shape a protocol error', async () => {
    fake.enqueue({ endpoint: 'models', fault: { kind: 'status', status: 404, message: 'Unknown path' } });
    await expect(listModels(endpointFor(fake.baseUrl, 'openai'), FAST)).rejects.toThrow('OpenAI says endpoint not found (404): Unknown path');
    fake.enqueue({ endpoint: 'models', fault: { kind: 'html-page' } });
    await expect(listModels(endpointFor(fake.baseUrl, 'ollama'), FAST)).rejects.toMatchObject({
      code: 'protocol',
      message: 'Ollama sent an event of an unexpected shape: <html><head><title>Sign in to the network</title></head><body>Log in</body></html>',
    });
  });

  it('rethrows the abort reason when the signal fires', async () => {
    fake.enqueue({ endpoint: 'models', fault: { kind: 'no-headers' } });
    const reason = new Error('user left the settings page');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    await expect(listModels(endpointFor(fake.baseUrl, 'openai'), { ...FAST, signal: controller.signal })).rejects.toBe(reason);
  });
});
