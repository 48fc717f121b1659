import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, requestCount, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

test('a paste over the message bound is refused in the window, before any frame carries it', async ({ page }) => {
  const sent: number[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload).length)));
  await openChat(page, harness);
  const box = page.getByRole('textbox', { name: 'Message' });
  const send_ = page.getByRole('button', { name: 'Send' });

  await box.fill('x'.repeat(2_000_001));
  await expect(page.getByRole('alert')).toHaveText(
    'This message is 2,000,001 characters long; a message holds at most 2,000,000. Shorten it or send it in parts.',
  );
  await expect(send_).toBeDisabled();
  await box.press('Enter');
  // Longer than a debounced estimate would wait: nothing that large left the page.
  await page.waitForTimeout(600);
  expect(Math.max(0, ...sent)).toBeLessThan(10_000);
  expect(requestCount(harness)).toBe(0);

  await send(page, 'a normal message after the refusal');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect((await waitForFinal(harness)).status).toBe('completed');
});
