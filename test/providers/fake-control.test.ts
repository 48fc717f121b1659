import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider, type RecordedRequest } from '../fake-provider';
import { FAST, chat, counts, endpointFor, run } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

describe('fake provider', () => {
  it('answers a deterministic default reply when nothing is queued', async () => {
    fake.reset();
    const outcome = await run(endpointFor(fake.baseUrl, 'anthropic'), chat(true, 'What is 2+2?'));
    expect(outcome.text).toBe('Echo: What is 2+2?');
    // "Be brief." + "What is 2+2?" = 21 characters → 6 tokens; "Echo: What is 2+2?" = 18 → 5.
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 6, outputTokens: 5, cachedInputTokens: 0, cacheWriteTokens: 0 });
  });

  it('is driven over its control API by another process', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${fake.baseUrl}/__control/${path}`, {
        method: body === undefined && path === 'requests' ? 'GET' : 'POST',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    expect((await control('reset', {})).status).toBe(200);
    const queued = await control('enqueue', [{ protocol: 'gemini', text: 'from the harness' }, { text: 'second' }]);
    expect(await queued.json()).toEqual({ queued: 2 });

    // The gemini scenario waits for a Gemini request; an OpenAI request takes the next one.
    expect((await run(endpointFor(fake.baseUrl, 'openai'), chat(true))).text).toBe('second');
    expect((await run(endpointFor(fake.baseUrl, 'gemini'), chat(true))).text).toBe('from the harness');

    const requests = (await (await control('requests')).json()) as RecordedRequest[];
    expect(requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1beta/models/test-model:streamGenerateContent?alt=sse']);

    const bad = await control('enqueue', { fault: { kind: 'unknown' } });
    expect(bad.status).toBe(400);
  });

  it('runs standalone and prints its base URL first', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fake-provider/main.ts', '--port', '0', '--api-key', 'k-123'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const [baseUrl] = (await once(lines, 'line')) as [string];
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ok = await run(endpointFor(baseUrl, 'ollama', { apiKey: 'k-123' }), chat(true, 'ping'), FAST);
      expect(ok.text).toBe('Echo: ping');
      const refused = await run(endpointFor(baseUrl, 'ollama', { apiKey: 'wrong' }), chat(true), FAST);
      expect(refused.terminal.type === 'error' && refused.terminal.error.message).toBe('Ollama rejected the key (401): unauthorized');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
