import { expect, test } from '@playwright/test';
import { formatMoneyForDisplay } from '../../src/shared/format-money';
import { nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { latestRequest, openChat, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o'] });
});

test.afterAll(async () => {
  await harness.close();
});

test('a display currency set in Settings shows every cost at the user\'s rate; the ledger stays in dollars', async ({ page }) => {
  await openChat(page, harness);
  harness.fake.enqueue({ text: 'Priced answer.', usage: { input: 4000, output: 2000 } });
  await send(page, 'What does this cost?');
  const row = await waitForFinal(harness, 'completed');
  // 4,000 × $2.50 + 2,000 × $10 per MTok = $0.03
  expect(row.costUsdNanos).toBe(30_000_000);
  const chip = page.getByRole('group', { name: 'Request details' });
  await expect(chip.getByTitle('Cost')).toHaveText('$0.03');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'Display currency' }).fill('EUR');
  await page.getByLabel('EUR per US dollar').fill('0.5');
  await page.getByRole('button', { name: 'Save currency' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();

  const eur = { code: 'EUR', usdRate: '0.5' };
  await expect(chip.getByTitle('Cost')).toHaveText(formatMoneyForDisplay(nanodollars(row.costUsdNanos!), eur));
  await expect(chip.getByTitle('Cost')).toHaveText('€0.015');
  await expect(page.getByRole('status', { name: "This month's spending" })).toContainText('€0.015 spent');
  expect(latestRequest(harness).costUsdNanos).toBe(30_000_000);
  await page.screenshot({ path: 'test-results/screenshots/display-currency-eur.png' });
});
