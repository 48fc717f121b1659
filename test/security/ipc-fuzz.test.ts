import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { isLoopbackHost } from '../../src/main/core/provider-config/base-url-check';
import { bindIpc } from '../../src/main/electron/ipc-bridge';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';
import { IPC_ERROR_CODES, METHOD_NAMES, channelOf, type IpcResult, type MethodName } from '../../src/shared/contract';
import { openSettingsFixture, type SettingsFixture } from '../settings/settings-fixture';
import { fuzzPayloads } from './fuzz-payloads';

const PER_METHOD = 1000;

interface Tally {
  calls: number;
  ok: number;
  errors: Record<string, number>;
  problems: string[];
}

/** Every answer must be an IpcResult: ok with a value, or a typed error a user can read. A crash inside a handler ('internal') is a bug. */
function record(tally: Tally, method: string, payload: unknown, answer: unknown): void {
  tally.calls++;
  const result = answer as IpcResult<unknown>;
  const typedError =
    typeof result === 'object' && result !== null && result.ok === false &&
    (IPC_ERROR_CODES as readonly string[]).includes(result.error?.code) &&
    typeof result.error.message === 'string' && result.error.message.length > 0 && typeof result.error.retryable === 'boolean';
  if (typeof result === 'object' && result !== null && result.ok === true && 'value' in result) {
    tally.ok++;
    return;
  }
  if (!typedError) {
    tally.problems.push(`${method}: untyped answer ${show(answer)} to ${show(payload)}`);
    return;
  }
  tally.errors[result.error.code] = (tally.errors[result.error.code] ?? 0) + 1;
  if (result.error.code === 'internal') tally.problems.push(`${method}: internal error "${result.error.message}" for ${show(payload)}`);
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 200) ?? String(value);
  } catch {
    return String(value);
  }
}

function newTally(): Tally {
  return { calls: 0, ok: 0, errors: {}, problems: [] };
}

let fixture: SettingsFixture;
let knownIds: string[];
const rejections: unknown[] = [];
const blockedUrls: string[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const realFetch = globalThis.fetch;

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onRejection);
  // A fuzzed provider may talk to this machine only; anything else is recorded and refused.
  vi.stubGlobal('fetch', (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!isLoopbackHost(url.hostname)) {
      blockedUrls.push(url.href);
      return Promise.reject(new TypeError(`the fuzz test refuses ${url.host}`));
    }
    return realFetch(input, init);
  });
  fixture = await openSettingsFixture();
  const provider = await fixture.ok('settingsProviderAdd', { kind: 'openai', name: 'Fuzz', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: 'sk-FUZZ-fixture-key-000000' });
  await fixture.ok('settingsProviderModels', { id: provider.id, models: ['gpt-4o-mini'] });
  // `pricesUpdate` without a url fetches from the saved price-data address: this machine's, so a
  // fuzzed `{}` (which the seeds happen to produce) never reaches for the public default.
  await fixture.ok('pricesDataUrlSet', { url: `${fixture.fake.baseUrl}/prices/data.json` });
  const sent = await fixture.core.chat.send({ providerId: provider.id, model: 'gpt-4o-mini', text: 'seed conversation' });
  await sent.done;
  knownIds = [provider.id, sent.conversationId, sent.requestId, 'gpt-4o-mini'];
});

afterAll(async () => {
  await fixture.close();
  vi.unstubAllGlobals();
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onRejection);
});

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

function expectClean(tally: Tally, expectedCalls: number): void {
  expect(tally.problems.slice(0, 10)).toEqual([]);
  expect(tally.calls).toBe(expectedCalls);
  expect(rejections).toEqual([]);
  expect(blockedUrls).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe('IPC fuzz: 1,000 random and malformed payloads to every contract method', () => {
  it('through core.dispatch: every call answered, typed, none crashing', async () => {
    const tally = newTally();
    for (const [index, method] of METHOD_NAMES.entries()) {
      const payloads = fuzzPayloads(method, PER_METHOD, 1000 + index, { knownIds, cloneValues: true });
      const answers = await Promise.all(payloads.map((payload) => fixture.core.dispatch(method, payload)));
      answers.forEach((answer, i) => record(tally, method, payloads[i], answer));
    }
    await settle();
    expectClean(tally, METHOD_NAMES.length * PER_METHOD);
    expect(tally.errors.invalid_request).toBeGreaterThan(METHOD_NAMES.length * PER_METHOD * 0.5);
    console.info(`dispatch fuzz: ${tally.calls} calls, ${tally.ok} ok, errors ${JSON.stringify(tally.errors)}`);
  });

  it('through the Electron IPC bridge (fake ipcMain), refusing other senders before reading the payload', async () => {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
    const ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'> = {
      handle: (channel, listener) => void handlers.set(channel, listener as never),
      removeHandler: (channel) => void handlers.delete(channel),
    };
    const trusted = { sender: { id: 1 } } as unknown as IpcMainInvokeEvent;
    const stranger = { sender: { id: 666 } } as unknown as IpcMainInvokeEvent;
    bindIpc(ipcMain, fixture.core.dispatch, (event) => event === trusted);

    const tally = newTally();
    let forbidden = 0;
    for (const [index, method] of METHOD_NAMES.entries()) {
      const handler = handlers.get(channelOf(method))!;
      const payloads = fuzzPayloads(method, PER_METHOD, 2000 + index, { knownIds, cloneValues: true });
      const answers = await Promise.all(payloads.map((payload, i) => handler(i % 10 === 0 ? stranger : trusted, payload)));
      answers.forEach((answer, i) => {
        record(tally, method, payloads[i], answer);
        if (i % 10 === 0) {
          expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: 'This window may not call Tallychat.', retryable: false } });
          forbidden++;
        }
      });
    }
    await settle();
    expectClean(tally, METHOD_NAMES.length * PER_METHOD);
    expect(forbidden).toBe(METHOD_NAMES.length * (PER_METHOD / 10));
  });

  describe('through the browser-mode WebSocket', () => {
    let server: RunningWebServer;
    let socket: WebSocket;

    beforeAll(async () => {
      const rendererDir = join(fixture.dataDir, 'renderer');
      mkdirSync(rendererDir);
      writeFileSync(join(rendererDir, 'index.html'), '<html><head><script type="module" src="./app.js"></script></head></html>');
      server = await startWebServer({ core: fixture.core, rendererDir });
      const cookie = await new Promise<string>((resolve, reject) => {
        httpRequest(server.url, (res) => resolve(String(res.headers['set-cookie']?.[0]).split(';')[0]!)).on('error', reject).end();
      });
      socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers: { cookie, origin: server.origin } });
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    });

    afterAll(async () => {
      socket.close();
      await server.close();
    });

    /** Sends raw frames and collects as many replies. */
    async function exchange(frames: (string | Buffer)[]): Promise<{ id: number | null; result: IpcResult<unknown> }[]> {
      const replies: { id: number | null; result: IpcResult<unknown> }[] = [];
      const done = new Promise<void>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          replies.push(JSON.parse(data.toString()));
          if (replies.length === frames.length) {
            socket.off('message', onMessage);
            resolve();
          }
        };
        socket.on('message', onMessage);
      });
      for (const frame of frames) socket.send(frame);
      await done;
      return replies;
    }

    it('answers every call by its id with a typed result', async () => {
      const tally = newTally();
      let nextId = 1;
      for (const [index, method] of METHOD_NAMES.entries()) {
        const payloads = fuzzPayloads(method, PER_METHOD, 3000 + index, { knownIds, cloneValues: false });
        const ids = payloads.map(() => nextId++);
        const replies = await exchange(payloads.map((payload, i) => JSON.stringify({ id: ids[i], channel: channelOf(method as MethodName), payload })));
        const byId = new Map(replies.map((reply) => [reply.id, reply.result]));
        payloads.forEach((payload, i) => record(tally, method, payload, byId.get(ids[i]!)));
      }
      await settle();
      expectClean(tally, METHOD_NAMES.length * PER_METHOD);
    });

    it('answers frames that are not calls at all with a typed error, and keeps serving', async () => {
      const junk = [
        'not json', '', '[]', 'null', '42', '{"id": -1, "channel": "tallychat:appInfo", "payload": {}}', '{"id": 1.5, "channel": "x"}',
        `{"id": 1, "channel": "${'c'.repeat(300)}", "payload": {}}`, Buffer.from([0, 1, 2, 255]), '{"__proto__": {"polluted": 1}}',
      ];
      const replies = await exchange(junk);
      expect(replies.map((r) => [r.id, r.result.ok ? 'ok' : r.result.error.code])).toEqual(junk.map(() => [null, 'invalid_request']));
      const unknown = await exchange([
        JSON.stringify({ id: 7, channel: 'tallychat:__proto__', payload: {} }),
        JSON.stringify({ id: 8, channel: 'tallychat:constructor', payload: {} }),
        JSON.stringify({ id: 9, channel: 'tallychat:nope', payload: {} }),
      ]);
      expect(unknown.map((r) => [r.id, r.result.ok ? 'ok' : r.result.error.code])).toEqual([
        [7, 'unknown_method'],
        [8, 'unknown_method'],
        [9, 'unknown_method'],
      ]);
      const [info] = await exchange([JSON.stringify({ id: 10, channel: 'tallychat:appInfo', payload: {} })]);
      expect(info).toMatchObject({ id: 10, result: { ok: true, value: { host: 'web' } } });
      await settle();
      expect(rejections).toEqual([]);
    });
  });

  it('leaves a core that still chats', async () => {
    const provider = await fixture.ok('settingsProviderAdd', { kind: 'openai', name: 'After fuzz', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: 'sk-FUZZ-after-000000000' });
    await fixture.ok('settingsProviderModels', { id: provider.id, models: ['gpt-4o-mini'] });
    const sent = await fixture.ok('chatSend', { providerId: provider.id, model: 'gpt-4o-mini', text: 'still here?' });
    const finished = await new Promise((resolve) => {
      const unsubscribe = fixture.core.events.subscribe((event) => {
        if (event.type === 'chat.finished' && event.request.requestId === sent.requestId) {
          unsubscribe();
          resolve(event.request);
        }
      });
    });
    expect(finished).toMatchObject({ status: 'completed', text: 'Echo: still here?' });
  });
});
