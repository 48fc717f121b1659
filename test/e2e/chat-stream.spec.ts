import { expect, test } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { startHarness, type Harness } from '../harness/start-harness';
import { latestRequest, openChat, screenshot, send, waitForFinal } from './chat-support';

let harness: Harness;
const count = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-US'));

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini', 'gpt-4o'] });
});

test.afterAll(async () => {
  await harness.close();
});

test.beforeEach(() => harness.fake.reset());

test('an answer streams in, then its chip shows exactly what the ledger recorded', async ({ page }) => {
  const answer = 'Streaming works. '.repeat(30).trim();
  harness.fake.enqueue({ text: answer, deltaChars: 6, delayMs: 25 });
  await openChat(page, harness);
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue(JSON.stringify(['openai', 'gpt-4o-mini']));
  await send(page, 'Tell me something long');

  await expect(page.getByRole('article', { name: 'Your message' }).locator('.user-bubble')).toHaveText('Tell me something long');
  const streaming = page.locator('article[aria-busy="true"]');
  await expect(streaming).toContainText('Streaming works.');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(streaming.getByText('streaming', { exact: true })).toBeVisible();
  // The live ticker: main's running estimate, before the provider's figures.
  await expect(streaming.getByTitle('Running estimate: the prompt plus the output so far')).toHaveText(/^≈ \$0\.\d+$/);
  await expect(page.locator('.thread-header')).toContainText('Tell me something long');
  const partial = (await streaming.locator('.markdown').textContent()) ?? '';
  expect(partial.length).toBeLessThan(answer.length);
  await screenshot(page, 'streaming');

  const row = await waitForFinal(harness, 'completed');
  const answerArticle = page.getByRole('article', { name: 'Assistant message' });
  await expect(answerArticle.locator('.markdown')).toHaveText(answer);
  const chip = answerArticle.getByRole('group', { name: 'Request details' });
  await expect(chip.getByTitle('Cost')).toHaveText(formatUsdForDisplay(row.costUsdNanos!));
  await expect(chip.getByTitle(/^Input tokens/)).toHaveText(`${count(row.inputTokens)} in`);
  await expect(chip.getByTitle(/^Output tokens/)).toHaveText(`${count(row.outputTokens)} out`);
  await expect(chip.getByTitle('Cached input tokens')).toHaveText(`${count(row.cachedInputTokens)} cached`);
  await expect(chip.getByTitle('Reasoning tokens')).toHaveText(`${count(row.reasoningTokens)} reasoning`);
  await expect(chip.getByTitle(/^Token counts as the provider reported/)).toHaveText('reported');
  await expect(chip.getByTitle('Provider and model')).toHaveText('Fake OpenAI · gpt-4o-mini');
  await expect(chip.getByTitle('Time to first token')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  expect(row.costUsdNanos).toBeGreaterThan(0);
  expect(row.outputTokens).toBe(Math.ceil(answer.length / 4));
  await screenshot(page, 'answer');
});
