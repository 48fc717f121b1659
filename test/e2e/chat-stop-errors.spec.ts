import { expect, test } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { startHarness, type Harness } from '../harness/start-harness';
import { latestRequest, openChat, screenshot, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

test.beforeEach(() => harness.fake.reset());

const storedMessages = (conversationId: string) => harness.core.conversations.messages(conversationId);

test('Stop keeps the partial answer, marks it stopped, and the ledger meters it', async ({ page }) => {
  const answer = 'A slow and very long answer that will not finish. '.repeat(20);
  harness.fake.enqueue({ text: answer, deltaChars: 5, delayMs: 30 });
  await openChat(page, harness);
  await send(page, 'Write slowly');

  const live = page.locator('article[aria-busy="true"] .markdown');
  await expect(live).toContainText('A slow and very long answer');
  await page.getByRole('button', { name: 'Stop' }).click();

  const row = await waitForFinal(harness, 'cancelled');
  const article = page.getByRole('article', { name: 'Assistant message' });
  await expect(article.getByText('stopped', { exact: true })).toBeVisible();
  const shown = (await article.locator('.markdown').textContent()) ?? '';
  expect(shown.length).toBeGreaterThan(0);
  expect(answer.startsWith(shown)).toBe(true);
  expect(shown.length).toBeLessThan(answer.trim().length);
  expect(row.cancelReason).toBe('user');
  expect(row.costUsdNanos).toBeGreaterThan(0);
  await expect(article.getByTitle('Cost')).toHaveText(formatUsdForDisplay(row.costUsdNanos!));
  // The stored message is the partial text, exactly as shown.
  const stored = storedMessages(row.conversationId!).find((m) => m.role === 'assistant');
  expect(stored?.status).toBe('partial');
  expect(stored?.content.trim()).toBe(shown.trim());
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await screenshot(page, 'stopped');
});

for (const { status, fault, times, expected } of [
  { status: 401, fault: { kind: 'status', status: 401 } as const, times: 1, expected: 'Fake OpenAI rejected the key (401): Incorrect API key provided.' },
  {
    status: 429,
    // The core retries a 429 twice before the first byte: all three attempts are refused.
    fault: { kind: 'status', status: 429, retryAfter: '0' } as const,
    times: 3,
    expected: 'Fake OpenAI rate limit or quota (429): Rate limit reached for requests; retry after 0 s',
  },
]) {
  test(`a ${status} from the provider shows its message, and Retry sends the turn again`, async ({ page }) => {
    harness.fake.enqueue({ fault, times });
    await openChat(page, harness);
    await send(page, `Trigger ${status}`);

    const alert = page.getByRole('article', { name: 'Assistant message' }).getByRole('alert');
    await expect(alert).toContainText(expected);
    const failed = latestRequest(harness);
    expect(failed.status).toBe('failed');
    expect(harness.fake.requests).toHaveLength(times);
    await screenshot(page, `error-${status}`);

    await alert.getByRole('button', { name: 'Retry' }).click();
    const answer = page.getByRole('article', { name: 'Assistant message' });
    await expect(answer.locator('.markdown')).toHaveText(`Echo: Trigger ${status}`);
    await expect(page.getByRole('alert')).toHaveCount(0);
    const retried = await waitForFinal(harness, 'completed');
    expect(retried.id).not.toBe(failed.id);
    // The failed turn was replaced: one question, one answer.
    expect(storedMessages(retried.conversationId!).map((m) => [m.role, m.content])).toEqual([
      ['user', `Trigger ${status}`],
      ['assistant', `Echo: Trigger ${status}`],
    ]);
  });
}
