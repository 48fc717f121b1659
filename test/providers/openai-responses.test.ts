import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider, type Scenario } from '../fake-provider';
import type { ChatCallRequest } from '../../src/main/core/providers/provider-types';
import { KEY, bytesThrough, chat, counts, endpointFor, errorOf, run } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const TEXT = 'alpha beta gamma delta epsilon';
const USAGE = { input: 1200, output: 340, cachedInput: 1000, reasoning: 128 };
const endpoint = () => endpointFor(fake.baseUrl, 'openai-responses');
const responses = (stream: boolean): ChatCallRequest => ({ ...chat(stream), api: 'responses' });

describe('OpenAI Responses API: the request', () => {
  it('posts to /v1/responses with the system prompt as instructions, the rest as input, and store off', async () => {
    const conversation: ChatCallRequest = {
      model: 'o3-pro',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Sum 2+2' },
      ],
      stream: true,
      maxOutputTokens: 256,
      temperature: 0.2,
      api: 'responses',
    };
    await run(endpoint(), conversation);
    const [request] = fake.requests;
    expect(request?.path).toBe('/v1/responses');
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers.accept).toBe('text/event-stream');
    expect(request?.body).toEqual({
      model: 'o3-pro',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Sum 2+2' },
      ],
      stream: true,
      store: false,
      max_output_tokens: 256,
      temperature: 0.2,
    });
  });

  it('without api: responses, the same endpoint is called through Chat Completions', async () => {
    await run(endpoint(), chat(true));
    expect(fake.requests[0]?.path).toBe('/v1/chat/completions');
  });
});

describe.each([true, false])('OpenAI Responses API outcomes (stream: %s)', (stream) => {
  it('response.incomplete for max_output_tokens finishes as length, with its usage', async () => {
    fake.enqueue({ text: TEXT, usage: USAGE, finishReason: 'max_output_tokens' });
    const outcome = await run(endpoint(), responses(stream));
    expect(outcome.text).toBe(TEXT);
    expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason).toBe('length');
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 1200, outputTokens: 340, cachedInputTokens: 1000, reasoningTokens: 128 });
  });

  it('response.incomplete for content_filter finishes as content-filter', async () => {
    fake.enqueue({ text: TEXT, usage: USAGE, finishReason: 'content_filter' });
    const outcome = await run(endpoint(), responses(stream));
    expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason).toBe('content-filter');
  });

  it('response.failed is an error with OpenAI\'s code and message, keeping the usage and the text so far', async () => {
    fake.enqueue({ text: TEXT, usage: USAGE, finishReason: 'failed' });
    const outcome = await run(endpoint(), responses(stream));
    const error = errorOf(outcome);
    expect(error.message).toBe('OpenAI server error (server_error): The model produced invalid content.');
    expect(error.code).toBe('server');
    expect(error.status).toBeUndefined();
    expect(outcome.text).toBe(TEXT);
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 1200, outputTokens: 340, cachedInputTokens: 1000, reasoningTokens: 128 });
  });

  it('an answer without usage finishes with usage undefined (the orchestrator estimates)', async () => {
    fake.enqueue({ text: TEXT, usage: null });
    const outcome = await run(endpoint(), responses(stream));
    expect(outcome.terminal).toEqual({ type: 'finish', finishReason: 'stop' });
  });
});

describe('OpenAI Responses API stream faults', () => {
  it('an error event mid-stream ends the call with the vendor\'s words and the partial text', async () => {
    fake.enqueue({ text: TEXT, deltaChars: 6, fault: { kind: 'mid-stream-error' } });
    const outcome = await run(endpoint(), responses(true));
    const error = errorOf(outcome);
    expect(error.message).toBe('OpenAI server error (server_error): The server had an error while processing your request.');
    expect(error.retryable).toBe(true);
    expect(outcome.text).toBe('alpha ');
    expect(outcome.terminals).toBe(1);
  });

  it('a malformed event is a protocol error', async () => {
    fake.enqueue({ text: TEXT, deltaChars: 6, fault: { kind: 'malformed-event' } });
    const error = errorOf(await run(endpoint(), responses(true)));
    expect(error.code).toBe('protocol');
    expect(error.message).toBe('OpenAI sent a malformed event (not valid JSON): {"type":"response.output_te');
  });

  it('a stream cut before response.completed is truncated, never a finish', async () => {
    const scenario: Scenario = { text: TEXT, deltaChars: 6, usage: USAGE };
    // response.created, .in_progress, output_item.added, content_part.added, then the first text delta.
    const cut = bytesThrough('openai-responses', scenario, responses(true), 5);
    fake.enqueue({ ...scenario, fault: { kind: 'disconnect', afterBytes: cut } });
    const outcome = await run(endpoint(), responses(true));
    const error = errorOf(outcome);
    expect(error.message).toBe(`OpenAI stream ended before it finished (truncated after ${cut} bytes)`);
    expect(outcome.text).toBe('alpha ');
    expect(outcome.terminal.usage).toBeUndefined();
  });

  it('an HTTP error is read in OpenAI\'s error format', async () => {
    fake.enqueue({ fault: { kind: 'status', status: 404 } });
    const error = errorOf(await run(endpoint(), { ...responses(true), model: 'o3-pro' }));
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toContain('The model `o3-pro` does not exist or you do not have access to it.');
  });
});

describe('OpenAI Responses API from servers of open-weight models', () => {
  const sse = (events: object[]) => events.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
  const usage = { input_tokens: 20, input_tokens_details: { cached_tokens: 0 }, output_tokens: 9, output_tokens_details: { reasoning_tokens: 5 } };
  const reply = (body: string, type: string) => async () => new Response(body, { status: 200, headers: { 'content-type': type } });

  it('streams the reasoning itself (response.reasoning_text.delta) as reasoning', async () => {
    const body = sse([
      { type: 'response.created', sequence_number: 0, response: { id: 'resp_1', status: 'in_progress', output: [], usage: null } },
      { type: 'response.reasoning_text.delta', sequence_number: 1, item_id: 'rs_1', output_index: 0, content_index: 0, delta: 'User greets; ' },
      { type: 'response.reasoning_text.delta', sequence_number: 2, item_id: 'rs_1', output_index: 0, content_index: 0, delta: 'reply.' },
      { type: 'response.output_text.delta', sequence_number: 3, item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Hello!' },
      { type: 'response.completed', sequence_number: 4, response: { id: 'resp_1', status: 'completed', output: [], usage } },
    ]);
    const outcome = await run(endpoint(), responses(true), { fetch: reply(body, 'text/event-stream') });
    expect([outcome.reasoning, outcome.text]).toEqual(['User greets; reply.', 'Hello!']);
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 20, outputTokens: 9, cachedInputTokens: 0, reasoningTokens: 5 });
  });

  it('reads reasoning_text content of a whole response as reasoning', async () => {
    const body = JSON.stringify({
      id: 'resp_1',
      object: 'response',
      status: 'completed',
      output: [
        { id: 'rs_1', type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'User greets; reply.' }] },
        { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello!', annotations: [] }] },
      ],
      usage,
    });
    const outcome = await run(endpoint(), responses(false), { fetch: reply(body, 'application/json') });
    expect([outcome.reasoning, outcome.text]).toEqual(['User greets; reply.', 'Hello!']);
    expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason).toBe('stop');
  });
});
