import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { pathToFileURL } from 'node:url';
import { doctorDataDir, expect, sendMessage, test } from './desktop-support';
import type { DesktopApp } from '../stand-in/desktop-app';
import type { FakeProvider } from '../fake-provider';
import type { Page } from '@playwright/test';
import { EXPECTED_NOTIFICATIONS, FAKE_KEY_VARIABLE, LARGE_USAGE, REGULAR_USAGE, SCRIPTED_NOW, seedScriptedMonth } from './spend-alerts-fixture';

/** The seeded provider's key, and the scripted day on the clock of main and the core it forks (test/stand-in/injected-clock.mjs). */
const APP_ENV = {
  [FAKE_KEY_VARIABLE]: 'sk-spend-alerts-spec',
  NODE_OPTIONS: `--import ${pathToFileURL(resolve(import.meta.dirname, '../stand-in/injected-clock.mjs')).href}`,
  TALLYCHAT_TEST_NOW: String(SCRIPTED_NOW),
};

async function send(page: Page, fake: FakeProvider, usage: { input: number; output: number }, n: number): Promise<void> {
  fake.enqueue({ text: `Answer ${n}.`, usage });
  await sendMessage(page, `Message ${n}`);
  await expect(page.getByRole('article', { name: 'Assistant message' }).nth(n - 1).locator('.markdown')).toHaveText(`Answer ${n}.`, { timeout: 30_000 });
}

async function settle(app: DesktopApp, count: number): Promise<void> {
  await expect.poll(() => app.notifications.length, { timeout: 30_000 }).toBe(count);
}

test('main shows an OS notification once each for the unusual day, the warning and the reached cap, and not again after a restart', async ({
  launch,
  home,
  fake,
}) => {
  test.setTimeout(240_000);
  await seedScriptedMonth(doctorDataDir(home), fake.baseUrl);
  const first = await launch({ env: APP_ENV });
  const page = await first.window();
  await send(page, fake, REGULAR_USAGE, 1);
  await settle(first, 1);
  await send(page, fake, REGULAR_USAGE, 2);
  await settle(first, 2);
  expect(first.notifications).toEqual([EXPECTED_NOTIFICATIONS.anomaly, EXPECTED_NOTIFICATIONS.warning]);
  await first.dispose();

  const second = await launch({ env: APP_ENV });
  const again = await second.window();
  await send(again, fake, REGULAR_USAGE, 1);
  await send(again, fake, LARGE_USAGE, 2);
  await settle(second, 1);
  expect(second.notifications).toEqual([EXPECTED_NOTIFICATIONS.reached]);
});

test('switched off in Settings, no notification is shown', async ({ launch, home, fake }) => {
  test.setTimeout(240_000);
  await seedScriptedMonth(doctorDataDir(home), fake.baseUrl);
  const app = await launch({ env: APP_ENV });
  const page = await app.window();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const toggle = page.getByRole('checkbox', { name: 'Notify me about spending' });
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
  for (const [n, usage] of [REGULAR_USAGE, REGULAR_USAGE, REGULAR_USAGE, LARGE_USAGE].entries()) await send(page, fake, usage, n + 1);
  // The month is past its cap now: with the alerts on, three would have been shown by this answer.
  await page.waitForTimeout(1000);
  expect(app.notifications).toEqual([]);
  expect(toldAbout(join(doctorDataDir(home), 'tallychat.sqlite'))).toBe(0);
});

/** Rows of alerts already told (caps' and days'): none are recorded while the alerts are off. */
function toldAbout(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT (SELECT COUNT(*) FROM budget_alerts) + (SELECT COUNT(*) FROM spend_anomaly_alerts)').pluck().get() as number;
  } finally {
    db.close();
  }
}
