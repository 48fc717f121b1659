import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { EXPECTED_NOTIFICATIONS, LARGE_USAGE, REGULAR_USAGE, scriptedClock, seedScriptedMonth } from './spend-alerts-fixture';

/**
 * The page's Notification, recording each one shown (headless Chromium has no notification
 * centre to look in); permission stays the browser's own, so the page must ask and be allowed.
 */
async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Browser = window.Notification;
    const shown: { title: string; body: string }[] = [];
    Object.assign(window, { __notificationsShown: shown });
    class Recording {
      static get permission(): NotificationPermission {
        return Browser.permission;
      }
      static requestPermission(): Promise<NotificationPermission> {
        return Browser.requestPermission();
      }
      constructor(title: string, options: NotificationOptions = {}) {
        shown.push({ title, body: options.body ?? '' });
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recording, configurable: true, writable: true });
  });
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { __notificationsShown: { title: string; body: string }[] }).__notificationsShown);

async function send(page: Page, harness: Harness, usage: { input: number; output: number }, n: number): Promise<void> {
  harness.fake.enqueue({ text: `Answer ${n}.`, usage });
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(`Message ${n}`);
  await box.press('Enter');
  await expect(page.getByRole('article', { name: 'Assistant message' }).nth(n - 1).locator('.markdown')).toHaveText(`Answer ${n}.`, { timeout: 30_000 });
}

async function openHarness(dataDir: string): Promise<Harness> {
  const harness = await startHarness({ dataDir, clock: scriptedClock() });
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
  return harness;
}

let dataDir: string;
const harnesses: Harness[] = [];
test.beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tallychat-alerts-'));
  await seedScriptedMonth(dataDir);
});
test.afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('after the user allows them, the browser shows the unusual day, the warning and the reached cap once each, and not again after a restart', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const first = await openHarness(dataDir);
  harnesses.push(first);
  const context = await browser.newContext();
  await recordNotifications(context);
  const page = await context.newPage();
  await page.goto(first.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('checkbox', { name: 'Notify me about spending' })).toBeChecked();
  // The user allows them: the browser grants what the page asks for from the click.
  await context.grantPermissions(['notifications'], { origin: first.server.origin });
  await page.getByRole('button', { name: 'Allow browser notifications' }).click();
  await expect(page.getByText('This browser shows them.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();

  await send(page, first, REGULAR_USAGE, 1);
  await expect.poll(() => shown(page), { timeout: 30_000 }).toEqual([EXPECTED_NOTIFICATIONS.anomaly]);
  await send(page, first, REGULAR_USAGE, 2);
  await expect.poll(() => shown(page), { timeout: 30_000 }).toEqual([EXPECTED_NOTIFICATIONS.anomaly, EXPECTED_NOTIFICATIONS.warning]);
  await context.close();
  await first.close();
  harnesses.splice(0);

  // `tallychat ui` again on the same data folder: what was told is remembered.
  const second = await openHarness(dataDir);
  harnesses.push(second);
  const again = await browser.newContext();
  await again.grantPermissions(['notifications'], { origin: second.server.origin });
  await recordNotifications(again);
  const page2 = await again.newPage();
  await page2.goto(second.server.url);
  await send(page2, second, REGULAR_USAGE, 1);
  await send(page2, second, LARGE_USAGE, 2);
  await expect.poll(() => shown(page2), { timeout: 30_000 }).toEqual([EXPECTED_NOTIFICATIONS.reached]);
  await again.close();
});

test('switched off, the browser shows none, even with its permission granted', async ({ browser }) => {
  test.setTimeout(180_000);
  const harness = await openHarness(dataDir);
  harnesses.push(harness);
  const context = await browser.newContext();
  await context.grantPermissions(['notifications'], { origin: harness.server.origin });
  await recordNotifications(context);
  const page = await context.newPage();
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const toggle = page.getByRole('checkbox', { name: 'Notify me about spending' });
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
  for (const [n, usage] of [REGULAR_USAGE, REGULAR_USAGE, REGULAR_USAGE, LARGE_USAGE].entries()) await send(page, harness, usage, n + 1);
  expect(harness.core.store.sqlite.prepare('SELECT (SELECT COUNT(*) FROM budget_alerts) + (SELECT COUNT(*) FROM spend_anomaly_alerts)').pluck().get()).toBe(0);
  expect(await shown(page)).toEqual([]);
  await context.close();
});
