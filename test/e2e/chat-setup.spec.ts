import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, screenshot, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
});

test.afterAll(async () => {
  await harness.close();
});

test('with no provider, the chat screen says where to add one and takes you there', async ({ page }) => {
  await page.goto(harness.server.url);
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
  await expect(page.getByText('Add a provider in Settings, then start a chat.', { exact: false })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await screenshot(page, 'no-provider');
  await page.getByRole('button', { name: 'Open Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('a model without a known price is metered in tokens and says "price unknown"', async ({ page }) => {
  await harness.addFakeProvider('openai', { id: 'unpriced', name: 'Fake OpenAI', models: ['my-own-model'] });
  await openChat(page, harness);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Hello local model');
  await expect(page.getByTestId('estimate')).toHaveText(/^≈ \d+ tokens in · price unknown$/);
  await box.press('Enter');
  const row = await waitForFinal(harness, 'completed');
  expect(row.costUsdNanos).toBeNull();
  await expect(page.getByRole('status').filter({ hasText: 'No price is known for my-own-model on Fake OpenAI' })).toBeVisible();
  const chip = page.getByRole('article', { name: 'Assistant message' }).getByRole('group', { name: 'Request details' });
  await expect(chip.getByTitle('Cost')).toHaveText('price unknown');
  await expect(chip.getByTitle(/^Input tokens/)).toHaveText(`${row.inputTokens} in`);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('No price is known for my-own-model')).toHaveCount(0);
  await send(page, 'Again');
  await waitForFinal(harness, 'completed');
  await expect(page.getByRole('article', { name: 'Assistant message' })).toHaveCount(2);
});
