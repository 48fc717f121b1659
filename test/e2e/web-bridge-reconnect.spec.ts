import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { TallychatApi } from '../../src/shared/contract';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, send } from './chat-support';

let harness: Harness;
let restarted: RunningWebServer | undefined;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await restarted?.close();
  await harness.close();
});

const providersCall = (page: Page) =>
  page.evaluate(() => (window as unknown as { tallychat: TallychatApi }).tallychat.chatProviders({}));

test('a call while the server is down fails with a typed error within 5 s; the page reconnects when it is back', async ({ page }) => {
  await openChat(page, harness);
  expect(await providersCall(page)).toMatchObject({ ok: true });

  const { port, token } = harness.server;
  await harness.server.close();
  const disconnected = {
    ok: false,
    error: {
      code: 'disconnected',
      message: 'Lost the connection to the Tallychat server. Is `tallychat ui` still running? The page reconnects by itself.',
      retryable: true,
    },
  };
  // Once the page has seen the link drop, a new call waits a little for it, then fails typed.
  await expect.poll(() => providersCall(page)).toEqual(disconnected);
  const began = Date.now();
  expect(await providersCall(page)).toEqual(disconnected);
  expect(Date.now() - began).toBeLessThan(5_000);

  // The server comes back on the same port (a restart with --port). Its sessions are new, so the
  // user opens its new one-time link (here from the same browser, as another tab would); the open
  // page then reconnects by itself with the new session's cookie.
  restarted = await startWebServer({ core: harness.core, rendererDir: resolve(process.env.TALLYCHAT_RENDERER_DIR ?? 'out/renderer'), port, token });
  expect((await page.context().request.get(restarted.signInUrl(), { maxRedirects: 0 })).status()).toBe(303);
  await expect.poll(async () => (await providersCall(page)).ok, { timeout: 10_000 }).toBe(true);

  // Later calls work and events flow again: an answer streams in and settles with its figures.
  harness.fake.enqueue({ text: 'Back again, after the restart.', usage: { input: 9, output: 7 } });
  await send(page, 'Are you there?');
  const answer = page.getByRole('article', { name: 'Assistant message' });
  await expect(answer.locator('.markdown')).toHaveText('Back again, after the restart.');
  await expect(answer.getByRole('group', { name: 'Request details' }).getByTitle(/^Output tokens/)).toHaveText('7 out');
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});
