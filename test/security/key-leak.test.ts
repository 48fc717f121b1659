import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { ConsentingSecretStore } from '../../src/main/core/secrets/consenting-secret-store';
import { localKeyStorage } from '../../src/main/core/secrets/key-files';
import type { FinishedRequest, IpcResult, TallychatEvent } from '../../src/shared/contract';
import { startFakeProvider, type FakeProvider } from '../fake-provider';

/** Recognizable, and unique per run so an old file cannot make the grep pass or fail. */
const KEY = `sk-LEAKCHECK-${randomBytes(12).toString('hex')}-TAIL`;
/** The key without its prefix and last four: a half-masked key ("sk-LEAK…") would still show this part. */
const KEY_BODY = KEY.slice(3, -4);

let dataDir: string;
let core: Core;
let fake: FakeProvider;
/** Everything a person or a crash report could see: console output, stdout/stderr, internal-error logs, events, IPC answers. */
const seen: string[] = [];

function look(value: unknown): void {
  seen.push(typeof value === 'string' ? value : inspect(value, { depth: 8 }));
}

async function call(method: string, payload: unknown): Promise<IpcResult<unknown>> {
  const result = await core.dispatch(method, payload);
  look(result);
  return result;
}

function finished(requestId: string): Promise<FinishedRequest> {
  return new Promise((resolve) => {
    const unsubscribe = core.events.subscribe((event) => {
      if (event.type === 'chat.finished' && event.request.requestId === requestId) {
        unsubscribe();
        resolve(event.request);
      }
    });
  });
}

/** Every file under a folder, with its path, read as bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [{ path, bytes: readFileSync(path) }];
  });
}

function hits(haystacks: { path: string; bytes: Buffer }[]): string[] {
  return haystacks.filter(({ bytes }) => bytes.includes(KEY) || bytes.includes(KEY_BODY)).map(({ path }) => path);
}

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) vi.spyOn(console, level).mockImplementation((...args) => look(args));
  dataDir = mkdtempSync(join(tmpdir(), 'tallychat-leak-'));
  // The store the app uses where there is no keychain (as on this machine): the weaker scheme, accepted.
  const { keyFile, weaker } = localKeyStorage(dataDir);
  const secrets = new ConsentingSecretStore({ keychain: undefined, noKeychainReason: 'No keychain in the test.', weaker, keyFile });
  await secrets.acceptWeakerScheme();
  fake = await startFakeProvider();
  core = createCore({
    dataDir,
    appVersion: '0.0.0-test',
    host: 'web',
    secrets,
    callOptions: { maxRetries: 0 },
    // What the desktop host does with an unexpected failure: log it with its stack.
    onInternalError: (method, error) => console.error(`[tallychat] ${method} failed`, error),
  });
  core.events.subscribe((event: TallychatEvent) => look(event));
});

afterAll(async () => {
  vi.restoreAllMocks();
  await core?.close();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an API key never leaves the secret store', () => {
  it('is absent from the database, its WAL, a backup, a CSV export, events, answers and logs after a full chat', async () => {
    const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
    const capture = (chunk: string | Uint8Array) => (look(String(chunk)), true);
    process.stdout.write = capture as typeof process.stdout.write;
    process.stderr.write = capture as typeof process.stderr.write;
    try {
      const added = await call('settingsProviderAdd', { kind: 'openai', name: 'Leak check', baseUrl: `${fake.baseUrl}/v1`, apiKey: KEY });
      expect(added).toMatchObject({ ok: true, value: { keyLast4: 'TAIL' } });
      const id = (added as { value: { id: string } }).value.id;
      fake.enqueue({ endpoint: 'models', expectApiKey: KEY });
      expect(await call('settingsProviderTest', { id })).toMatchObject({ ok: true, value: { models: ['gpt-4o-mini', 'gpt-4o', 'o4-mini'] } });
      await call('settingsProviderModels', { id, models: ['gpt-4o-mini'] });

      // The provider turns the key down once: its error body quotes the key, as OpenAI's does.
      fake.enqueue({ expectApiKey: 'sk-the-one-it-wanted' });
      const refused = await call('chatSend', { providerId: id, model: 'gpt-4o-mini', text: 'first try' });
      const failed = await finished((refused as { value: { requestId: string } }).value.requestId);
      expect(failed).toMatchObject({ status: 'failed', errorCode: 'auth', error: 'Leak check rejected the key (401): Incorrect API key provided: [redacted].' });

      fake.enqueue({ endpoint: 'models', expectApiKey: 'sk-the-one-it-wanted' });
      expect(await call('settingsProviderTest', { id })).toMatchObject({ ok: false, error: { code: 'provider_error' } });

      const sent = await call('chatSend', { providerId: id, model: 'gpt-4o-mini', text: 'second try' });
      const { requestId, conversationId } = (sent as { value: { requestId: string; conversationId: string } }).value;
      expect(await finished(requestId)).toMatchObject({ status: 'completed', text: 'Echo: second try' });
      expect(fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`, `Bearer ${KEY}`]);

      for (const [method, payload] of [
        ['conversationGet', { id: conversationId }],
        ['conversationsList', {}],
        ['chatProviders', {}],
        ['settingsProviders', {}],
        ['settingsKeyStorage', {}],
        ['settingsPrices', {}],
        ['settingsGeneral', {}],
        ['appInfo', {}],
      ] as const) {
        expect(await call(method, payload)).toMatchObject({ ok: true });
      }
      // An unexpected failure goes through the host's error log: make one happen with the key in play.
      const resolveSpy = vi.spyOn(core.providerResolver, 'resolve').mockRejectedValueOnce(new TypeError('resolver exploded'));
      expect(await call('chatSend', { providerId: id, model: 'gpt-4o-mini', text: 'x' })).toMatchObject({ ok: false, error: { code: 'internal' } });
      resolveSpy.mockRestore();
      expect(seen.some((text) => text.includes('resolver exploded'))).toBe(true);

      const exported = await call('spendingExportCsv', { period: { kind: 'all' }, groupBy: 'request' });
      expect(exported).toMatchObject({ ok: true, value: { rows: 2 } });
      const backup = await call('settingsBackupDatabase', {});
      expect(backup).toMatchObject({ ok: true });

      const live = filesUnder(dataDir);
      expect(live.map((f) => f.path)).toEqual(expect.arrayContaining([join(dataDir, 'tallychat.sqlite'), join(dataDir, 'tallychat.sqlite-wal')]));
      expect(statSync(join(dataDir, 'tallychat.sqlite-wal')).size).toBeGreaterThan(0);
      expect(hits(live)).toEqual([]);
    } finally {
      process.stdout.write = write.out;
      process.stderr.write = write.err;
    }
    await core.close();
    expect(hits(filesUnder(dataDir))).toEqual([]);
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((text) => text.includes(KEY) || text.includes(KEY_BODY))).toEqual([]);
  });

  it('the grep itself finds the key where it is', () => {
    expect(hits([{ path: 'plain', bytes: Buffer.from(`x${KEY}y`) }, { path: 'half-masked', bytes: Buffer.from(`sk-${KEY_BODY}****`) }])).toEqual(['plain', 'half-masked']);
  });
});
