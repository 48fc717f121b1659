import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { createCore } from '../../src/main/core/app/create-core';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { nanodollars } from '../../src/shared/money';
import { startFakeProvider, type FakeProvider } from '../fake-provider';

/**
 * Browser mode as a person runs it: `tallychat ui` as a child process, on its own data folder,
 * with a provider whose key comes from the environment.
 */
const KEY_ENV = 'TALLYCHAT_E2E_FAKE_KEY';
let fake: FakeProvider;
let dataDir: string;
let ui: { child: ChildProcess; url: string; origin: string; exited: Promise<number | null> };

/**
 * Each link works once, and each test has a fresh browser context: the first page signs in with
 * the printed link, later ones carry the session cookie as a browser that stayed open would.
 */
let signedIn: { name: string; value: string } | undefined;
async function openApp(page: Page): Promise<void> {
  if (signedIn) {
    await page.context().addCookies([{ ...signedIn, url: ui.origin }]);
    await page.goto(`${ui.origin}/`);
    return;
  }
  await page.goto(ui.url);
  const cookie = (await page.context().cookies()).find((c) => c.name === `tallychat_session_${new URL(ui.url).port}`);
  signedIn = { name: cookie!.name, value: cookie!.value };
}

async function startUi(): Promise<typeof ui> {
  signedIn = undefined;
  const child = spawn(process.execPath, ['bin/tallychat.mjs', 'ui', '--no-open', '--data-dir', dataDir], {
    env: { ...process.env, [KEY_ENV]: 'sk-e2e-browser-mode' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Tallychat is running at (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`tallychat ui exited early:\n${out}`)));
  });
  return { child, url, origin: new URL(url).origin, exited };
}

test.beforeAll(async () => {
  fake = await startFakeProvider();
  dataDir = mkdtempSync(join(tmpdir(), 'tallychat-ui-'));
  const setup = createCore({ dataDir, appVersion: 'test', host: 'cli' });
  setup.providers.save({
    id: 'fake-openai',
    kind: 'openai',
    name: 'Fake OpenAI',
    baseUrl: `${fake.baseUrl}/v1`,
    keyRef: `env:${KEY_ENV}`,
    keyLast4: 'mode',
    enabledModels: ['gpt-4o-mini'],
    modelSettings: {},
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
  await setup.close();
  ui = await startUi();
});

test.afterAll(async () => {
  if (ui.child.exitCode === null) ui.child.kill('SIGINT');
  await ui.exited;
  await fake.close();
});

function rawGet(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('refuses requests without the token, with a foreign Host, and WebSockets from another origin', async ({ page }) => {
  expect(await rawGet(`${ui.origin}/`)).toBe(401);
  expect(await rawGet(ui.url, { host: `attacker.example:${new URL(ui.url).port}` })).toBe(403);
  await openApp(page);
  const cookie = (await page.context().cookies()).find((c) => c.name === `tallychat_session_${new URL(ui.url).port}`);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  const status = await new Promise<number>((resolve) => {
    const ws = new WebSocket(`${ui.origin.replace('http', 'ws')}/ws`, {
      headers: { cookie: `${cookie!.name}=${cookie!.value}`, origin: 'http://attacker.example' },
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', () => undefined);
  });
  expect(status).toBe(403);
});

test('a whole chat in the page: the answer, its cost equal to the ledger, and the key in no frame', async ({ page }) => {
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
    socket.on('framesent', (frame) => frames.push(String(frame.payload)));
  });
  await openApp(page);
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'gpt-4o-mini' });
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Hello from browser mode');
  await box.press('Enter');
  const answer = page.getByRole('article').filter({ hasText: 'Echo: Hello from browser mode' });
  const chip = answer.getByRole('group', { name: 'Request details' });
  await expect(chip.getByTitle('Cost')).toBeVisible();

  const ledger = createCore({ dataDir, appVersion: 'test', host: 'cli' });
  try {
    const row = ledger.store.sqlite
      .prepare("SELECT cost_usd_nanos AS cost, output_tokens AS output FROM requests WHERE status = 'completed' ORDER BY started_at DESC LIMIT 1")
      .get() as { cost: number; output: number };
    await expect(chip.getByTitle('Cost')).toHaveText(formatUsdForDisplay(nanodollars(row.cost)));
    await expect(chip.getByTitle(/^Output tokens/)).toHaveText(`${row.output} out`);
  } finally {
    await ledger.close();
  }
  await page.screenshot({ path: 'test-results/screenshots/browser-mode-chat.png' });
  expect(frames.length).toBeGreaterThan(3);
  expect(frames.filter((frame) => frame.includes('sk-e2e-browser-mode'))).toEqual([]);
});

test('a chat through the browser bridge is metered in the shared ledger', async ({ page }) => {
  await openApp(page);
  await expect(page).toHaveURL(`${ui.origin}/`);
  const result = await page.evaluate(async () => {
    const sent = await window.tallychat.chatSend({ providerId: 'fake-openai', model: 'gpt-4o-mini', text: 'Hello from the browser' });
    if (!sent.ok) return { error: sent.error.message };
    const finished = await new Promise((resolve) => {
      const off = window.tallychat.onEvent((event) => {
        if (event.type === 'chat.finished' && event.request.requestId === sent.value.requestId) {
          off();
          resolve(event.request);
        }
      });
    });
    return { finished };
  });
  expect(result).toMatchObject({ finished: { status: 'completed', text: 'Echo: Hello from the browser', usageSource: 'provider' } });
  expect(JSON.stringify(await page.evaluate(() => window.tallychat.chatProviders({})))).not.toContain('sk-e2e');
});

test('Ctrl-C mid-stream finalizes the running answer as cancelled, metered', async ({ page }) => {
  fake.enqueue({ text: 'slow '.repeat(500), deltaChars: 5, delayMs: 20, usage: { input: 10, output: 500 } });
  await openApp(page);
  const requestId = await page.evaluate(async () => {
    const sent = await window.tallychat.chatSend({ providerId: 'fake-openai', model: 'gpt-4o-mini', text: 'Tell me slowly' });
    if (!sent.ok) throw new Error(sent.error.message);
    await new Promise<void>((resolve) => {
      const off = window.tallychat.onEvent((event) => {
        if (event.type === 'chat.delta') {
          off();
          resolve();
        }
      });
    });
    return sent.value.requestId;
  });
  ui.child.kill('SIGINT');
  expect(await ui.exited).toBe(0);

  const after = createCore({ dataDir, appVersion: 'test', host: 'cli' });
  try {
    expect(after.recovery.interrupted).toEqual([]);
    const row = after.ledger.get(requestId)!;
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'shutdown' });
    expect(row.outputTokens).toBeGreaterThan(0);
    expect(row.costUsdNanos).toBeGreaterThan(0);
  } finally {
    await after.close();
  }
  ui = await startUi();
});
