import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

test('Ctrl+K focuses search, Ctrl+N starts a new chat, Esc stops a stream, Shift+Enter is a new line', async ({ page }) => {
  await openChat(page, harness);
  const box = page.getByRole('textbox', { name: 'Message' });

  await box.fill('first line');
  await box.press('Shift+Enter');
  await box.pressSequentially('second line');
  await expect(box).toHaveValue('first line\nsecond line');
  await box.press('Enter');
  await expect(page.getByRole('article', { name: 'Your message' }).locator('.user-bubble')).toHaveText('first line\nsecond line');
  await waitForFinal(harness, 'completed');
  await expect(page.getByRole('heading', { level: 2, name: 'first line' })).toBeVisible();

  await page.keyboard.press('Control+k');
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();

  await page.keyboard.press('Control+n');
  await expect(page.getByRole('heading', { name: 'New chat' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
  await expect(box).toBeFocused();

  harness.fake.enqueue({ text: 'Esc will stop this answer long before it ends. '.repeat(30), deltaChars: 5, delayMs: 30 });
  await send(page, 'Stream until Esc');
  await expect(page.locator('article[aria-busy="true"] .markdown')).toContainText('Esc will stop');
  await page.keyboard.press('Escape');
  const row = await waitForFinal(harness, 'cancelled');
  expect(row.cancelReason).toBe('user');
  await expect(page.getByRole('article', { name: 'Assistant message' }).getByText('stopped', { exact: true })).toBeVisible();
});
