import { expect, test } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, screenshot, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('anthropic', { name: 'Fake Anthropic', models: ['claude-sonnet-4-5'] });
});

test.afterAll(async () => {
  await harness.close();
});

test.beforeEach(() => harness.fake.reset());

test('a thinking budget chosen in the composer is in the estimate and in the request Anthropic receives', async ({ page }) => {
  const text = 'Plan a three-day trip.';
  const target = { providerId: 'anthropic', model: 'claude-sonnet-4-5', text };
  const plain = (await harness.core.chat.estimate(target)).estimate;
  const thinking = (await harness.core.chat.estimate({ ...target, reasoning: { thinkingBudget: 4096 } })).estimate;
  // 4,096 thinking tokens at Sonnet 4.5's $15/MTok output price.
  expect(thinking.cost! - plain.cost!).toBe(4096 * 15_000);

  await openChat(page, harness);
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  const estimate = page.getByTestId('estimate');
  await expect(estimate).toHaveText(`≈ ${plain.inputTokens} tokens in · est. ${formatUsdForDisplay(plain.cost!)}`);

  const budget = page.getByRole('combobox', { name: 'Thinking budget' });
  await expect(budget.locator('option')).toHaveText([
    'No thinking',
    'Think 1,024',
    'Think 2,048',
    'Think 4,096',
    'Think 8,192',
    'Think 16,384',
    'Think 32,768',
  ]);
  await budget.selectOption({ label: 'Think 4,096' });
  await expect(estimate).toHaveText(`≈ ${thinking.inputTokens} tokens in + 4,096 thinking · est. ${formatUsdForDisplay(thinking.cost!)}`);
  await screenshot(page, 'thinking-budget');

  harness.fake.enqueue({ text: 'Day one: the old town.', reasoning: 'Three days, so…', usage: { input: 20, output: 300 } });
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const row = await waitForFinal(harness, 'completed');
  expect(harness.fake.requests[0]?.body).toMatchObject({
    model: 'claude-sonnet-4-5',
    max_tokens: 4096 + 4096,
    thinking: { type: 'enabled', budget_tokens: 4096 },
  });
  await expect(page.getByRole('article').last()).toContainText('Day one: the old town.');

  // The conversation remembers its thinking: the next turn goes out with the same budget.
  await expect(budget).toHaveValue('4096');
  harness.fake.enqueue({ text: 'Day two: the coast.', usage: { input: 40, output: 200 } });
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('And day two?');
  await box.press('Enter');
  await expect.poll(() => harness.fake.requests.length).toBe(2);
  expect(harness.fake.requests[1]?.body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 4096 } });
  expect(row.model).toBe('claude-sonnet-4-5');
});
