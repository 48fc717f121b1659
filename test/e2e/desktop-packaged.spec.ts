import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePackaged, extractPackagedApp } from '../packaging/packaged-app';
import { PROVIDER_KEY, expect, ledgerRows, test } from './desktop-support';

let unpackedApp: string;

test.beforeAll(() => {
  test.setTimeout(240_000);
  ensurePackaged();
  unpackedApp = mkdtempSync(join(tmpdir(), 'tallychat-packaged-'));
});

test.afterAll(() => rmSync(unpackedApp, { recursive: true, force: true }));

/** The shared libraries a process has mapped (Linux's /proc/<pid>/maps), by path. */
function mappedFiles(pid: number): string[] {
  return [...new Set(readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n').flatMap((line) => (line.includes('/') ? [line.slice(line.indexOf('/'))] : [])))];
}

test('the packaged app starts from its app.asar on an empty home: it migrates a new ledger, answers appInfo and meters a message', async ({ launch, home, fake }) => {
  const mainBundle = extractPackagedApp(unpackedApp);
  const app = await launch({ mainBundle });
  const page = await app.window();
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();

  const dataDir = join(home, '.config', 'Tallychat');
  const migrations = (JSON.parse(readFileSync(join(unpackedApp, 'resources', 'app.asar', 'drizzle', 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }).entries;
  expect(await page.evaluate(() => window.tallychat.appInfo({}))).toEqual({
    ok: true,
    value: {
      version: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
      host: 'electron',
      dataDir,
      databaseFile: join(dataDir, 'tallychat.sqlite'),
      schemaVersion: migrations.length,
      platform: process.platform,
    },
  });
  const ledger = new Database(join(dataDir, 'tallychat.sqlite'), { readonly: true, fileMustExist: true });
  expect(ledger.prepare('SELECT COUNT(*) AS applied FROM __drizzle_migrations').get()).toEqual({ applied: migrations.length });
  ledger.close();

  // The core process runs the packaged bundle with the native module unpacked from the asar.
  expect(app.utilityProcesses.map((child) => child.serviceName)).toEqual(['Tallychat core']);
  const corePid = app.utilityProcesses[0]!.pid;
  expect(mappedFiles(corePid).filter((file) => file.endsWith('.node'))).toEqual([
    join(unpackedApp, 'resources', 'app.asar', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
  ]);

  // A metered answer runs what the window does not load before it: the provider adapter, the
  // streaming parser, the tokenizer's ranks and the price catalog, each from the package.
  fake.enqueue({ text: 'Hello from the installed app.', deltaChars: 5, delayMs: 5 });
  const finished = await page.evaluate(
    async ({ baseUrl, apiKey }) => {
      const added = await window.tallychat.settingsProviderAdd({ kind: 'openai', name: 'Fake OpenAI', baseUrl, apiKey });
      if (!added.ok) return added.error.message;
      const models = await window.tallychat.settingsProviderModels({ id: added.value.id, models: ['gpt-4o-mini'] });
      if (!models.ok) return models.error.message;
      const sent = await window.tallychat.chatSend({ providerId: added.value.id, model: 'gpt-4o-mini', text: 'Say hello' });
      if (!sent.ok) return sent.error.message;
      return new Promise((resolve) => {
        const off = window.tallychat.onEvent((event) => {
          if (event.type !== 'chat.finished' || event.request.requestId !== sent.value.requestId) return;
          off();
          resolve({ status: event.request.status, text: event.request.text });
        });
      });
    },
    { baseUrl: `${fake.baseUrl}/v1`, apiKey: PROVIDER_KEY },
  );
  expect(finished).toEqual({ status: 'completed', text: 'Hello from the installed app.' });
  const [row] = ledgerRows(join(dataDir, 'tallychat.sqlite'));
  expect([row!.status, row!.usage_source, row!.output_tokens! > 0, row!.cost_usd_nanos! > 0]).toEqual(['completed', 'provider', true, true]);
  expect(app.consoleErrors).toEqual([]);
});
