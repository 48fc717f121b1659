import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { KEY, chat, endpointFor, run } from './helpers';

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
    { role: 'user' as const, content: 'Hi' },
    { role: 'assistant' as const, content: 'Hello!' },
    { role: 'user' as const, content: 'Sum 2+2' },
  ],
  stream: true,
  maxOutputTokens: 256,
  temperature: 0.2,
};

describe('each protocol sends the vendor\'s request shape', () => {
  it('OpenAI: bearer key, stream_options, max_completion_tokens', async () => {
    await run(endpointFor(fake.baseUrl, 'openai'), conversation);
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.body).toEqual({
      model: 'm-1',
      messages: conversation.messages,
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 256,
      temperature: 0.2,
    });
  });

  it('OpenAI-compatible servers get max_tokens, no stream_options when not streaming, and extra headers', async () => {
    const endpoint = endpointFor(fake.baseUrl, 'openai', {
      kind: 'openrouter',
      extraHeaders: { 'HTTP-Referer': 'https://tallychat.app', 'X-Title': 'Tallychat' },
    });
    await run(endpoint, { ...conversation, stream: false });
    const [request] = fake.requests;
    expect(request?.headers['x-title']).toBe('Tallychat');
    expect(request?.body).toEqual({ model: 'm-1', messages: conversation.messages, stream: false, max_tokens: 256, temperature: 0.2 });
  });

  it('Anthropic: x-api-key, version header, top-level system, max_tokens defaulting to 4096', async () => {
    await run(endpointFor(fake.baseUrl, 'anthropic'), { ...conversation, maxOutputTokens: undefined });
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(KEY);
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toEqual({
      model: 'm-1',
      max_tokens: 4096,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Sum 2+2' },
      ],
      stream: true,
      temperature: 0.2,
    });
  });

  it('Gemini: key header, model path, user/model roles, systemInstruction, generationConfig', async () => {
    await run(endpointFor(fake.baseUrl, 'gemini'), conversation);
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1beta/models/m-1:streamGenerateContent?alt=sse');
    expect(request?.headers['x-goog-api-key']).toBe(KEY);
    expect(request?.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        { role: 'user', parts: [{ text: 'Sum 2+2' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 256, temperature: 0.2 },
    });
    await run(endpointFor(fake.baseUrl, 'gemini'), { ...chat(false), model: 'models/gemini-2.5-flash' });
    expect(fake.requests[1]?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
  });

  it('Ollama: /api/chat with options, no key unless one is set', async () => {
    await run(endpointFor(fake.baseUrl, 'ollama', { apiKey: undefined }), conversation);
    const [request] = fake.requests;
    expect(request?.path).toBe('/api/chat');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toEqual({
      model: 'm-1',
      messages: conversation.messages,
      stream: true,
      options: { num_predict: 256, temperature: 0.2 },
    });
  });
});
