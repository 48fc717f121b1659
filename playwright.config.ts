import { defineConfig } from '@playwright/test';

/**
 * Playwright cannot download its own browsers here: tests drive Debian's Chromium. The flags keep
 * it from reaching for Google's services, which this network refuses.
 */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright-results.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    { name: 'browser', testIgnore: /desktop-.*\.spec\.ts$/ },
    {
      // The desktop app on the Electron stand-in (test/stand-in). Electron lets file:// pages load
      // file:// scripts (shell/browser/electron_browser_client.cc sets allow_file_access_from_file_urls
      // while the GrantFileProtocolExtraPrivileges fuse is on, its default); so does this Chromium.
      // Pages here are answered through Playwright's request routing, which leaves Chromium unsure
      // they came from this machine; its Local Network Access check would then refuse the dev
      // server's HMR WebSocket, which a page loaded straight from the dev server may open.
      name: 'desktop',
      testMatch: /desktop-.*\.spec\.ts$/,
      use: {
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [...chromiumArgs, '--allow-file-access-from-files', '--disable-features=LocalNetworkAccessChecks'],
        },
      },
    },
  ],
});
