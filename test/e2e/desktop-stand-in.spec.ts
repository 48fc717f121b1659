import { mkdtempSync } from 'node:fs';
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
