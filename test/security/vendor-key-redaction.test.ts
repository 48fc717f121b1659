import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { errorContext, malformedEventError, notAnEventStreamError } from '../../src/main/core/providers/error-factory';
import { PartSink } from '../../src/main/core/providers/part-sink';
import { EnvironmentSecretStore } from '../../src/main/core/secrets/secret-store';
import type { FinishedRequest } from '../../src/shared/contract';
import { useTempDir } from '../helpers/temp-dir';

/** A key the vendor quotes back: in an error message past the cut, in a usage object. */
const KEY = 'sk-QUOTED-0123456789abcdefghijklmnopqrstuv';
const ctx = errorContext({ kind: 'openai', displayName: 'Vendor', baseUrl: 'http://127.0.0.1:9/v1', apiKey: KEY });
const tempDir = useTempDir();
let server: Server | undefined;
let core: Core | undefined;

afterEach(async () => {
  await core?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  core = undefined;
  server = undefined;
});

/** A vendor on 127.0.0.1 answering every chat with `reply`. */
async function vendor(reply: (res: import('node:http').ServerResponse) => void): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => reply(res));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

async function chatThrough(baseUrl: string): Promise<FinishedRequest> {
  core = createCore({ dataDir: tempDir(), appVersion: 'test', host: 'cli', secrets: new EnvironmentSecretStore({ VENDOR_KEY: KEY }) });
  core.providers.save({
    id: 'vendor',
    kind: 'openai',
    name: 'Vendor',
    baseUrl,
    keyRef: 'env:VENDOR_KEY',
    keyLast4: 'uv',
    enabledModels: ['gpt-4o-mini'],
    modelSettings: {},
    createdAt: 0,
    updatedAt: 0,
  });
  const done = new Promise<FinishedRequest>((resolve) => {
    const off = core!.events.subscribe((event) => {
      if (event.type === 'chat.finished') {
        off();
        resolve(event.request);
      }
    });
  });
  await core.chat.send({ providerId: 'vendor', model: 'gpt-4o-mini', text: 'hi' });
  return done;
}

describe('a key the vendor quotes is redacted before any cut (item 12)', () => {
  it('an error message quoting the key right at the 500-character cut', async () => {
    const url = await vendor((res) => {
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `${'x'.repeat(495)}${KEY} was rejected`, type: 'invalid_request_error' } }));
    });
    const finished = await chatThrough(url);
    expect(finished.error).toBe(`Vendor rejected the request (400): ${'x'.repeat(495)}[reda…`);
    const row = core!.store.sqlite.prepare('SELECT error FROM requests').get() as { error: string };
    expect(row.error).toBe(finished.error);
  });

  it('a preview of a bad event quoting the key at the 160-character cut', () => {
    expect(malformedEventError(ctx, `${'y'.repeat(155)}${KEY}`).message).toBe(
      `Vendor sent a malformed event (not valid JSON): ${'y'.repeat(155)}[reda…`,
    );
    expect(notAnEventStreamError(ctx, `${'z'.repeat(150)}${KEY}`).message).toBe(
      `Vendor sent something that is not an event stream: ${'z'.repeat(150)}[redacted]`,
    );
  });

  it('a text already cut inside the key (the stream reader keeps 200 characters) shows none of it', () => {
    expect(notAnEventStreamError(ctx, `${'z'.repeat(50)}${KEY.slice(0, 9)}`).message).toBe(
      `Vendor sent something that is not an event stream: ${'z'.repeat(50)}[redacted]`,
    );
  });
});

describe('a usage object quoting the key is stored redacted (item 13)', () => {
  it('in the sink every adapter reports usage through', () => {
    const sink = new PartSink(ctx);
    sink.reportUsage({ inputTokens: 1, outputTokens: 2, raw: { prompt_tokens: 1, note: `billed to ${KEY}`, [KEY]: [KEY] } });
    expect(sink.usage?.raw).toEqual({ prompt_tokens: 1, note: 'billed to [redacted]', '[redacted]': ['[redacted]'] });
  });

  it('in raw_usage_json of the ledger row', async () => {
    const url = await vendor((res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'ok' } }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4, user: KEY } })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
    const finished = await chatThrough(url);
    expect(finished.status).toBe('completed');
    const row = core!.store.sqlite.prepare('SELECT raw_usage_json AS raw FROM requests').get() as { raw: string };
    expect(JSON.parse(row.raw)).toEqual({ prompt_tokens: 3, completion_tokens: 1, total_tokens: 4, user: '[redacted]' });
  });
});
