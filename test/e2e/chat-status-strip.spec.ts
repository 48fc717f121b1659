import { expect, test, type Page } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, screenshot, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

const strip = (page: Page) => page.getByRole('status', { name: "This month's spending" });
const spentThisMonth = () =>
  nanodollars(
    (harness.core.store.sqlite.prepare("SELECT COALESCE(SUM(cost_usd_nanos), 0) AS s FROM requests WHERE status != 'refused'").get() as { s: number }).s,
  );
const monthName = () => new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: harness.core.settings.get('timeZone') }).format(new Date());

test('the status strip shows the month against the overall cap, amber past the warning, red past the cap', async ({ page }) => {
  await openChat(page, harness);
  await expect(strip(page)).toHaveText(`${monthName()}$0.00 spent · no overall monthly cap is set.Set a cap`);

  const cap = nanodollars(1_000_000); // USD 0.001
  harness.core.budgets.set({ scope: 'overall', monthlyCap: cap, warnAtPercent: 50 }, Date.now());
  await page.reload();
  await expect(strip(page)).toHaveAttribute('data-level', 'ok');
  await expect(strip(page)).toContainText(`$0.00 of ${formatUsdForDisplay(cap)} overall cap`);

  // 1,000 tokens in and out at gpt-4o-mini's prices: 75% of the cap, past its 50% warning.
  harness.fake.enqueue({ usage: { input: 1000, output: 1000, cachedInput: 0, reasoning: 0 } });
  await send(page, 'Spend three quarters');
  await waitForFinal(harness, 'completed');
  await expect(strip(page)).toHaveAttribute('data-level', 'warn');
  await expect(strip(page)).toContainText(`${formatUsdForDisplay(spentThisMonth())} of ${formatUsdForDisplay(cap)} overall cap`);
  await expect(strip(page)).toContainText('75%');
  await screenshot(page, 'status-warning');

  // The next estimate no longer fits: allowed past the cap once, the strip turns red.
  harness.fake.enqueue({ usage: { input: 1000, output: 1000, cachedInput: 0, reasoning: 0 } });
  await page.getByRole('textbox', { name: 'Message' }).fill('One more, past the cap');
  await page.getByRole('button', { name: 'Send anyway (allow one request past the cap)' }).click();
  await waitForFinal(harness, 'completed');
  await expect(strip(page)).toHaveAttribute('data-level', 'over');
  await expect(strip(page)).toContainText(`${formatUsdForDisplay(spentThisMonth())} of ${formatUsdForDisplay(cap)} overall cap`);
  await expect(strip(page)).toContainText('150%');
  await screenshot(page, 'status-over');
});
