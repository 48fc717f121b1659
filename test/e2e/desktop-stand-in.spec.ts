import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { DesktopApp } from '../stand-in/desktop-app';

test('the stand-in reports an Electron API it does not model, even when the app swallows the error', async ({ browser }) => {
  const app = await DesktopApp.launch({
    browser,
    home: mkdtempSync(join(tmpdir(), 'tallychat-home-')),
    mainBundle: resolve('test/stand-in/fixtures/unmodelled-api.mjs'),
  });
  expect(await app.exited).toBe(0);
  await expect.poll(() => app.gaps).toEqual(['App.setBadgeCount']);
  await app.dispose();
});

test('as in Electron, the process ends right after will-quit: work started there never finishes', async ({ browser }) => {
  const home = mkdtempSync(join(tmpdir(), 'tallychat-home-'));
  const marker = join(home, 'marker');
  const app = await DesktopApp.launch({
    browser,
    home,
    env: { STAND_IN_MARKER: marker },
    mainBundle: resolve('test/stand-in/fixtures/work-started-in-will-quit.mjs'),
  });
  expect(await app.exited).toBe(0);
  expect([existsSync(`${marker}.microtask`), existsSync(`${marker}.timer`)]).toEqual([false, false]);
  expect(app.gaps).toEqual([]);
  await app.dispose();
});
