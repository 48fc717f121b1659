import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
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

test('a utility process: forked only after ready, messages cloned and held until it listens, kill ends it with exit', async ({ browser }) => {
  const home = mkdtempSync(join(tmpdir(), 'tallychat-home-'));
  const marker = join(home, 'marker');
  const app = await DesktopApp.launch({
    browser,
    home,
    env: { STAND_IN_MARKER: marker },
    mainBundle: resolve('test/stand-in/fixtures/utility-process-echo.mjs'),
  });
  expect(await app.exited).toBe(0);
  const record = JSON.parse(readFileSync(`${marker}.json`, 'utf8')) as Record<string, unknown>;
  expect(record).toEqual({
    beforeReady: 'Error: utilityProcess.fork() can only be called after the ready event of app',
    echoes: [
      { n: 1, keys: ['data', 'ports'], date: true, bytes: true, send: 'undefined' },
      { n: 2, keys: ['data', 'ports'], date: false, bytes: false, send: 'undefined' },
    ],
    pidAfterExit: 'undefined',
    exitCode: 1,
  });
  expect(app.utilityProcesses.map((child) => child.serviceName)).toEqual(['Echo']);
  expect(app.gaps).toEqual([]);
  await app.dispose();
});
