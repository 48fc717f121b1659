import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import type { FakeProtocol } from '../fake-provider/scenario';
import { callProvider } from '../../src/main/core/providers/call-provider';
import type { StreamPart } from '../../src/main/core/providers/provider-types';
import { FAST, bytesThrough, chat, counts, endpointFor, errorOf, run, summarize } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const TEXT = 'alpha beta gamma delta epsilon';
const USAGE = { input: 1200, output: 340 };
const PROTOCOLS: FakeProtocol[] = ['openai', 'anthropic', 'gemini', 'ollama'];

describe('truncation', () => {
  it.each(PROTOCOLS)('%s: a stream cut before its end is an error, never a finish', async (protocol) => {
    const scenario = { text: TEXT, deltaChars: 6, usage: USAGE };
    // Anthropic's first events are message_start and content_block_start; the others start with text.
    const firstText = protocol === 'anthropic' ? 3 : protocol === 'openai' ? 2 : 1;
    const cut = bytesThrough(protocol, scenario, chat(true), firstText);
    fake.enqueue({ ...scenario, fault: { kind: 'disconnect', afterBytes: cut } });
    const outcome = await run(endpointFor(fake.baseUrl, protocol), chat(true));
    const error = errorOf(outcome);
    expect(error.message).toBe(`${endpointFor('', protocol).displayName} stream ended before it finished (truncated after ${cut} bytes)`);
    expect(error.code).toBe('truncated');
    expect(outcome.text).toBe('alpha ');
    expect(outcome.terminals).toBe(1);
  });

  it('keeps the usage reported before the cut (Anthropic message_start)', async () => {
    const scenario = { text: TEXT, deltaChars: 6, usage: USAGE };
    fake.enqueue({ ...scenario, fault: { kind: 'disconnect', afterBytes: bytesThrough('anthropic', scenario, chat(true), 3) } });
    const outcome = await run(endpointFor(fake.baseUrl, 'anthropic'), chat(true));
    expect(outcome.terminal.type).toBe('error');
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 1200, outputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0 });
  });

  it('reports an empty 200 body as truncated after 0 bytes', async () => {
    fake.enqueue({ fault: { kind: 'disconnect', afterBytes: 0 } });
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'gemini'), chat(true)));
    expect(error.message).toBe('Gemini stream ended before it finished (truncated after 0 bytes)');
  });

  it('OpenAI without [DONE]: finishes when the usage chunk came', async () => {
    fake.enqueue({ text: TEXT, usage: USAGE, omitDone: true });
    const outcome = await run(endpointFor(fake.baseUrl, 'openai'), chat(true));
    expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason).toBe('stop');
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 1200, outputTokens: 340 });
  });

  it('OpenAI without [DONE]: is truncated when the requested usage chunk never came', async () => {
    fake.enqueue({ text: TEXT, usage: null, omitDone: true });
    const outcome = await run(endpointFor(fake.baseUrl, 'openai'), chat(true));
    expect(errorOf(outcome).code).toBe('truncated');
    expect(outcome.text).toBe(TEXT);
  });
});

describe('malformed and foreign bodies', () => {
  it.each([
    ['openai', 'OpenAI sent a malformed event (not valid JSON): {"id":"chatcmpl-fake","choices":[{"delta":{"content":"cut'],
    ['anthropic', 'Anthropic sent a malformed event (not valid JSON): {"type":"content_bl'],
    ['gemini', 'Gemini sent a malformed event (not valid JSON): {"candidates": [{"content": {"parts": [{"text": "cu'],
    ['ollama', 'Ollama sent a malformed event (not valid JSON): {"model":"x","message":{"content":"cu'],
  ] as const)('%s: a malformed event ends the call with a protocol error, keeping the text before it', async (protocol, message) => {
    fake.enqueue({ text: TEXT, deltaChars: 6, fault: { kind: 'malformed-event' } });
    const outcome = await run(endpointFor(fake.baseUrl, protocol), chat(true));
    const error = errorOf(outcome);
    expect(error.message).toBe(message);
    expect(error.code).toBe('protocol');
    expect(outcome.text).toBe('alpha ');
  });

  it('calls an HTML page answered with 200 what it is', async () => {
    fake.enqueue({ fault: { kind: 'html-page' } });
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'openai'), chat(true)));
    expect(error.message).toBe(
      'OpenAI sent something that is not an event stream: <html><head><title>Sign in to the network</title></head><body>Log in</body></html>',
    );
    expect(error.code).toBe('protocol');
  });
});

describe('vendor errors inside a stream that had started', () => {
  it.each([
    ['openai', 'OpenRouter', 'OpenRouter server error (502): Provider returned error'],
    ['anthropic', 'Anthropic', 'Anthropic server error (overloaded_error): Overloaded'],
    ['gemini', 'Gemini', 'Gemini server error (503): The model is overloaded. Please try again later.'],
    ['ollama', 'Ollama', 'Ollama server error: an error was encountered while running the model: unexpected EOF'],
  ] as const)('%s', async (protocol, displayName, message) => {
    fake.enqueue({ text: TEXT, deltaChars: 6, fault: { kind: 'mid-stream-error' } });
    fake.enqueue({ text: 'never fetched' });
    const outcome = await run(endpointFor(fake.baseUrl, protocol, { displayName }), chat(true));
    const error = errorOf(outcome);
    expect(error.message).toBe(message);
    expect(error.code).toBe('server');
    expect(outcome.text).toBe('alpha ');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('usage', () => {
  it.each(PROTOCOLS)('%s: a stream without usage finishes with usage undefined', async (protocol) => {
    fake.enqueue({ text: TEXT, usage: null });
    const outcome = await run(endpointFor(fake.baseUrl, protocol), chat(true));
    expect(outcome.terminal).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(outcome.usageReports).toEqual([]);
    expect(outcome.text).toBe(TEXT);
  });

  it.each([
    ['openai', { inputTokens: 1200, outputTokens: 340 }, [3, 100, 340]],
    ['anthropic', { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 0, cacheWriteTokens: 0 }, [1, 3, 100, 340]],
    ['gemini', { inputTokens: 1200, outputTokens: 340 }, [3, 100, 100, 100, 100, 340]],
  ] as const)('%s: repeated usage reports are all passed on and the last one wins', async (protocol, final, outputs) => {
    const interimUsage = [{ input: 1200, output: 3 }, { input: 1200, output: 100 }];
    fake.enqueue({ text: TEXT, deltaChars: 6, usage: USAGE, interimUsage });
    const outcome = await run(endpointFor(fake.baseUrl, protocol), chat(true));
    expect(counts(outcome.terminal.usage)).toEqual(final);
    expect(outcome.usageReports.map((u) => u.outputTokens)).toEqual(outputs);
  });

  it('keeps the raw vendor usage beside the normalized counts', async () => {
    fake.enqueue({ text: TEXT, usage: { input: 10, output: 5, cachedInput: 4, cacheWrite: 2 } });
    const outcome = await run(endpointFor(fake.baseUrl, 'anthropic'), chat(true));
    expect(outcome.terminal.type === 'finish' && outcome.terminal.usage?.raw).toEqual({
      message_start: { input_tokens: 4, cache_creation_input_tokens: 2, cache_read_input_tokens: 4, output_tokens: 1 },
      message_delta: { output_tokens: 5 },
    });
  });
});

describe('an event larger than 1 MB', () => {
  it.each(['openai', 'anthropic', 'gemini', 'ollama'] as const)('%s reads it whole', async (protocol) => {
    const big = `${'ü'.repeat(600_000)}🌍`;
    fake.enqueue({ text: big, deltaChars: 1_000_000, usage: USAGE, split: { seed: 7, maxBytes: 65_536 } });
    const outcome = await run(endpointFor(fake.baseUrl, protocol), chat(true));
    expect(outcome.text.length).toBe(big.length);
    expect(outcome.text === big).toBe(true);
    expect(outcome.terminal.type).toBe('finish');
  });
});

describe('stream_options refusal', () => {
  it('retries once without it, remembers the base URL, and finishes without usage', async () => {
    const { createMemoryQuirks } = await import('../../src/main/core/providers/endpoint-quirks');
    const quirks = createMemoryQuirks();
    const endpoint = endpointFor(fake.baseUrl, 'openai', { kind: 'openai-compatible', displayName: 'My vLLM' });
    fake.enqueue({ text: 'plain answer', fault: { kind: 'reject-stream-options' }, times: 2 });

    const first = await run(endpoint, chat(true), { ...FAST, quirks });
    expect(first.text).toBe('plain answer');
    expect(first.terminal).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(fake.requests.map((r) => 'stream_options' in (r.body as object))).toEqual([true, false]);
    expect(quirks.rejectsStreamOptions(`${fake.baseUrl}/v1/`)).toBe(true);

    const second = await run(endpoint, chat(true), { ...FAST, quirks });
    expect(second.terminal).toEqual({ type: 'finish', finishReason: 'stop' });
    expect(fake.requests.map((r) => 'stream_options' in (r.body as object))).toEqual([true, false, false]);
  });

  it('does not treat another 400 as a refusal', async () => {
    const { createMemoryQuirks } = await import('../../src/main/core/providers/endpoint-quirks');
    const quirks = createMemoryQuirks();
    fake.enqueue({ fault: { kind: 'status', status: 400 } });
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'openai'), chat(true), { ...FAST, quirks }));
    expect(error.message).toBe('OpenAI rejected the request (400): Invalid request.');
    expect(fake.requests).toHaveLength(1);
    expect(quirks.rejectsStreamOptions(`${fake.baseUrl}/v1`)).toBe(false);
  });
});

describe('abort and timeouts', () => {
  it('ends with aborted, carrying the usage reported so far, when the signal fires mid-stream', async () => {
    fake.enqueue({ text: 'one two three four five six seven', deltaChars: 4, usage: USAGE, delayMs: 40 });
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    const started = performance.now();
    for await (const part of callProvider(endpointFor(fake.baseUrl, 'anthropic'), chat(true), { ...FAST, signal: controller.signal })) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    const outcome = summarize(parts);
    expect(outcome.text).toBe('one ');
    expect(outcome.terminal.type).toBe('aborted');
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 1200, outputTokens: 1, cachedInputTokens: 0, cacheWriteTokens: 0 });
    expect(outcome.terminals).toBe(1);
    expect(performance.now() - started).toBeLessThan(400); // the whole stream takes ~600 ms
  });

  it('ends with aborted when the signal had fired before the call', async () => {
    const outcome = await run(endpointFor(fake.baseUrl, 'openai'), chat(true), { ...FAST, signal: AbortSignal.abort() });
    expect(outcome.parts).toEqual([{ type: 'aborted' }]);
  });

  it('aborts a wait between retries', async () => {
    fake.enqueue({ fault: { kind: 'status', status: 429, retryAfter: '30' } });
    const started = performance.now();
    const outcome = await run(endpointFor(fake.baseUrl, 'openai'), chat(true), {
      ...FAST,
      maxRetryDelayMs: 30_000,
      signal: AbortSignal.timeout(150),
    });
    expect(outcome.parts).toEqual([{ type: 'aborted' }]);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('times out a stream that goes quiet, keeping the text so far', async () => {
    const scenario = { text: TEXT, deltaChars: 6, usage: USAGE };
    fake.enqueue({ ...scenario, fault: { kind: 'stall', afterBytes: bytesThrough('openai', scenario, chat(true), 2) } });
    const outcome = await run(endpointFor(fake.baseUrl, 'openai'), chat(true), { ...FAST, idleTimeoutMs: 200 });
    const error = errorOf(outcome);
    expect(error.message).toBe('OpenAI stopped sending for 0.2 s');
    expect(error.code).toBe('timeout');
    expect(outcome.text).toBe('alpha ');
  });

  it('does not count the consumer\'s own pauses as the provider going quiet', async () => {
    fake.enqueue({ text: TEXT, deltaChars: 6, usage: USAGE, delayMs: 5 });
    const parts: StreamPart[] = [];
    for await (const part of callProvider(endpointFor(fake.baseUrl, 'ollama'), chat(true), { ...FAST, idleTimeoutMs: 100 })) {
      parts.push(part);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const outcome = summarize(parts);
    expect(outcome.text).toBe(TEXT);
    expect(outcome.terminal.type).toBe('finish');
  });

  it('still times out a stall that follows a pause of the consumer', async () => {
    const scenario = { text: TEXT, deltaChars: 6, usage: USAGE };
    fake.enqueue({ ...scenario, fault: { kind: 'stall', afterBytes: bytesThrough('ollama', scenario, chat(true), 1) } });
    const parts: StreamPart[] = [];
    for await (const part of callProvider(endpointFor(fake.baseUrl, 'ollama'), chat(true), { ...FAST, idleTimeoutMs: 100 })) {
      parts.push(part);
      if (parts.length === 1) await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const outcome = summarize(parts);
    expect(outcome.text).toBe('alpha ');
    expect(errorOf(outcome).message).toBe('Ollama stopped sending for 0.1 s');
  });
});
