import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import type { FakeProtocol } from '../fake-provider/scenario';
import { FAST, KEY, chat, closedPort, endpointFor, errorOf, run } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const NO_RETRY = { ...FAST, maxRetries: 0 };

describe('an HTTP error status gives the vendor-naming message, code and status', () => {
  const cases: Array<[FakeProtocol, number, string, string]> = [
    ['openai', 403, 'forbidden', 'OpenAI refused access (403): You are not allowed to sample from this model'],
    ['openai', 404, 'not_found', 'OpenAI says model not found (404): The model `gpt-9` does not exist or you do not have access to it.'],
    ['openai', 400, 'bad_request', 'OpenAI rejected the request (400): Invalid request.'],
    ['openai', 500, 'server', 'OpenAI server error (500): The server had an error while processing your request. Sorry about that!'],
    ['anthropic', 401, 'auth', 'Anthropic rejected the key (401): invalid x-api-key'],
    ['anthropic', 404, 'not_found', 'Anthropic says model not found (404): model: gpt-9'],
    ['anthropic', 429, 'rate_limit', 'Anthropic rate limit or quota (429): Number of request tokens has exceeded your per-minute rate limit'],
    ['anthropic', 529, 'server', 'Anthropic server error (529): Overloaded'],
    ['gemini', 401, 'auth', 'Gemini rejected the key (401): Request had invalid authentication credentials.'],
    ['gemini', 404, 'not_found', 'Gemini says model not found (404): models/gpt-9 is not found for API version v1beta, or is not supported for generateContent.'],
    ['gemini', 503, 'server', 'Gemini server error (503): The model is overloaded. Please try again later.'],
    ['ollama', 404, 'not_found', 'Ollama says model not found (404): model "gpt-9" not found, try pulling it first'],
    ['ollama', 500, 'server', 'Ollama server error (500): llama runner process has terminated: exit status 2'],
  ];

  it.each(cases)('%s %i', async (protocol, status, code, message) => {
    fake.enqueue({ fault: { kind: 'status', status } });
    const outcome = await run(endpointFor(fake.baseUrl, protocol), { ...chat(true), model: 'gpt-9' }, NO_RETRY);
    const error = errorOf(outcome);
    expect(error.message).toBe(message);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.toJSON()).toEqual({ code, message, retryable: code === 'server' || code === 'rate_limit', status });
    expect(outcome.terminals).toBe(1);
    expect(outcome.text).toBe('');
  });

  it('says when to retry a rate limit', async () => {
    fake.enqueue({ fault: { kind: 'status', status: 429, retryAfter: '20' } });
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'openai'), chat(true), NO_RETRY));
    expect(error.message).toBe('OpenAI rate limit or quota (429): Rate limit reached for requests; retry after 20 s');
    expect(error.retryAfterMs).toBe(20_000);
  });

  it('reads Gemini\'s 400 API_KEY_INVALID as a rejected key', async () => {
    fake.enqueue({ expectApiKey: 'the-right-key' });
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'gemini'), chat(true), NO_RETRY));
    expect(error.message).toBe('Gemini rejected the key (400): API key not valid. Please pass a valid API key.');
    expect(error.code).toBe('auth');
  });
});

describe('the API key never appears in an error', () => {
  it('is redacted from a vendor message that echoes it', async () => {
    fake.enqueue({ expectApiKey: 'the-right-key' });
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'openai'), chat(true), NO_RETRY));
    expect(error.message).toBe('OpenAI rejected the key (401): Incorrect API key provided: [redacted].');
    expect(error.vendorMessage).toBe('Incorrect API key provided: [redacted].');
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('is redacted wherever a vendor puts it, for every protocol, and from credential headers', async () => {
    const proxyToken = 'proxy-token-ABCDEFGH';
    for (const protocol of ['openai', 'anthropic', 'gemini', 'ollama'] as const) {
      fake.enqueue({ fault: { kind: 'status', status: 502, message: `upstream rejected ${KEY} via ${proxyToken}` } });
      const endpoint = endpointFor(fake.baseUrl, protocol, { extraHeaders: { 'X-Proxy-Token': proxyToken, 'X-Title': 'Tallychat' } });
      const error = errorOf(await run(endpoint, chat(true), NO_RETRY));
      const name = endpoint.displayName;
      expect(error.message).toBe(`${name} server error (502): upstream rejected [redacted] via [redacted]`);
      expect(`${error.message}${error.vendorMessage}${JSON.stringify(error.toJSON())}`).not.toMatch(/SECRET|ABCDEFGH/);
    }
  });
});

describe('retries before the first byte', () => {
  it('retries a 429 after the server\'s Retry-After, capped by maxRetryDelayMs', async () => {
    fake.enqueue({ fault: { kind: 'status', status: 429, retryAfter: '1' } });
    fake.enqueue({ text: 'after the wait' });
    const started = performance.now();
    const outcome = await run(endpointFor(fake.baseUrl, 'openai'), chat(true), { ...FAST, maxRetryDelayMs: 300 });
    const waited = performance.now() - started;
    expect(outcome.text).toBe('after the wait');
    expect(outcome.terminal.type).toBe('finish');
    expect(fake.requests).toHaveLength(2);
    expect(waited).toBeGreaterThanOrEqual(290); // Retry-After 1 s, capped at 300 ms
    expect(waited).toBeLessThan(900);
  });

  it('backs off briefly without Retry-After and gives up after maxRetries with the last error', async () => {
    fake.enqueue({ fault: { kind: 'status', status: 503 }, times: 3 });
    const started = performance.now();
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'openai'), chat(true), { ...FAST, maxRetries: 2 }));
    expect(performance.now() - started).toBeLessThan(250);
    expect(error.message).toBe('OpenAI server error (503): The engine is currently overloaded, please try again later');
    expect(error.retryable).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });

  it('retries a 5xx and then streams normally', async () => {
    fake.enqueue({ fault: { kind: 'status', status: 529 } });
    fake.enqueue({ text: 'second try', usage: { input: 3, output: 2 } });
    const outcome = await run(endpointFor(fake.baseUrl, 'anthropic'), chat(true));
    expect(outcome.text).toBe('second try');
    expect(outcome.terminal.type === 'finish' && outcome.terminal.usage?.inputTokens).toBe(3);
    expect(fake.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404])('does not retry %i', async (status) => {
    fake.enqueue({ fault: { kind: 'status', status }, times: 3 });
    const error = errorOf(await run(endpointFor(fake.baseUrl, 'openai'), chat(true)));
    expect(error.status).toBe(status);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a failure after the first byte of the body: it is final', async () => {
    fake.enqueue({ text: 'partial answer here', fault: { kind: 'disconnect', afterBytes: 400 } });
    fake.enqueue({ text: 'must never be fetched' });
    const outcome = await run(endpointFor(fake.baseUrl, 'openai'), chat(true));
    expect(errorOf(outcome).message).toBe('OpenAI stream ended before it finished (truncated after 400 bytes)');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('connection failures', () => {
  it('names the provider, its address and the reason, after retrying', async () => {
    const port = await closedPort();
    const endpoint = { kind: 'ollama' as const, displayName: 'Ollama', baseUrl: `http://127.0.0.1:${port}/` };
    const outcome = await run(endpoint, chat(true), { ...FAST, maxRetries: 1 });
    const error = errorOf(outcome);
    expect(error.message).toBe(`Could not reach Ollama at http://127.0.0.1:${port}: connection refused`);
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
  });

  it('hides credentials written into the base URL, even in the HTTP client\'s own words', async () => {
    const port = await closedPort();
    const baseUrl = `http://user:pass-word@127.0.0.1:${port}/v1?token=query-secret`;
    const endpoint = { kind: 'openai' as const, displayName: 'Proxy', baseUrl };
    const error = errorOf(await run(endpoint, chat(true), { ...FAST, maxRetries: 0 }));
    expect(error.message.startsWith(`Could not reach Proxy at http://127.0.0.1:${port}/v1: `)).toBe(true);
    expect(error.message).not.toMatch(/user:|pass-word|query-secret/);
  });

  it('times out a server that never answers, without retrying', async () => {
    fake.enqueue({ fault: { kind: 'no-headers' }, times: 3 });
    const started = performance.now();
    const outcome = await run(endpointFor(fake.baseUrl, 'gemini'), chat(true), { ...FAST, connectTimeoutMs: 200 });
    const error = errorOf(outcome);
    expect(error.message).toBe('Gemini did not answer within 0.2 s');
    expect(error.code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(fake.requests).toHaveLength(1);
  });
});
