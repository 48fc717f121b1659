import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createCore } from '../../src/main/core/app/create-core';
import { nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat } from './chat-support';

let harness: Harness;
const made: string[] = [];
const tempFolder = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o'] });
});

test.afterAll(async () => {
  await harness.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Another device that spent $2.50 and synced into `folder`. */
async function desktopSpent(folder: string): Promise<void> {
  const desktop = createCore({ dataDir: tempFolder('tallychat-desktop-'), appVersion: '0.0.0-test', host: 'cli', deviceSync: false });
  await desktop.services.devices.setFolder(folder);
  desktop.services.devices.rename('Desktop');
  const now = Date.now();
  desktop.ledger.open({
    id: 'req-1',
    conversationId: null,
    userMessageId: null,
    providerId: 'openai',
    providerKind: 'openai',
    model: 'gpt-4o',
    streamed: true,
    estimatedInputTokens: 10,
    reservation: nanodollars(0),
    startedAt: now,
    ownerPid: process.pid,
  });
  desktop.ledger.finalize({
    id: 'req-1',
    status: 'completed',
    usage: { inputTokens: 200_000, outputTokens: 200_000 },
    usageSource: 'provider',
    cost: nanodollars(2_500_000_000),
    finishedAt: now + 1000,
    durationMs: 1000,
  });
  await desktop.services.devices.sync();
  await desktop.close();
}

test('Settings → Devices shares the sync folder; the other device’s spend counts and its freshness shows beside the cap', async ({ page }) => {
  const folder = tempFolder('tallychat-sync-');
  await desktopSpent(folder);
  await openChat(page, harness);
  const strip = page.getByRole('status', { name: "This month's spending" });
  await expect(strip).toContainText('$0.00 spent');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'Sync folder' }).fill(folder);
  await page.getByRole('button', { name: 'Use this folder' }).click();
  const others = page.getByRole('list', { name: 'Other devices' });
  await expect(others).toHaveText('Desktop · last seen just now · 1 request');
  await page.screenshot({ path: 'test-results/screenshots/settings-devices.png' });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
  await expect(strip).toContainText('$2.50 spent');
  await expect(strip).toContainText('Desktop: just now');
});
