import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import { addProviderInSettings, expect, sendMessage, test } from './desktop-support';

const CODE = 'const total = 1 + 2;\nconsole.log(total);';
const ANSWER = ['Here you go:', '', '```js', CODE, '```', '', 'More in [the docs](https://example.com/docs).'].join('\n');

/** What is on the system clipboard, read from a page outside the app (whose permissions stay main's). */
async function clipboardText(browser: Browser): Promise<string> {
  const reader = await browser.newContext({ permissions: ['clipboard-read'] });
  try {
    const page = await reader.newPage();
    // Any file:// page is a secure context, where the clipboard API exists.
    await page.goto(pathToFileURL(tmpdir()).href);
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await reader.close();
  }
}

test('Copy, links and new windows behave as main decides, with nothing granted by the test', async ({ launch, fake, browser }) => {
  const app = await launch();
  const page = await app.window();
  await addProviderInSettings(page, fake);
  fake.enqueue({ text: ANSWER, deltaChars: 12 });
  await sendMessage(page, 'Show me code');
  const answer = page.getByRole('article', { name: 'Assistant message' });
  await expect(answer.locator('.code-block code')).toHaveText(CODE);

  // Chromium holds only what main's permission handler approved when the page asked.
  await answer.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(answer.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  expect(await clipboardText(browser)).toBe(`${CODE}\n`);

  // A link in an answer opens in the system browser, never in a window of the app.
  await answer.getByRole('link', { name: 'the docs' }).click();
  await expect.poll(() => app.externalUrls).toEqual(['https://example.com/docs']);
  expect(await page.evaluate(() => window.open('https://example.com/popup'))).toBeNull();
  expect(await page.evaluate(() => window.open('file:///etc/passwd'))).toBeNull();
  await expect.poll(() => app.externalUrls).toEqual(['https://example.com/docs', 'https://example.com/popup']);
  // A navigation the page starts is refused; a web address goes to the system browser instead.
  await page.evaluate(() => {
    location.href = 'https://example.com/away';
  });
  await expect.poll(() => app.externalUrls).toEqual(['https://example.com/docs', 'https://example.com/popup', 'https://example.com/away']);
  expect(app.context.pages()).toEqual([page]);
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('starting the app again focuses the running window and the second process ends', async ({ launch }) => {
  const first = await launch();
  await first.window();
  await expect.poll(() => first.windowChanges).toEqual(['show']);
  first.minimize();
  const second = await launch();
  expect(await second.exited).toBe(0);
  await expect.poll(() => first.windowChanges).toEqual(['show', 'minimize', 'restore', 'focus']);
});
