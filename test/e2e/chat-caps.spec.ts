import { expect, test } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { latestRequest, openChat, requestCount, screenshot, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

test.beforeEach(() => harness.fake.reset());

test('a cap with no room left: the composer refuses before sending, and the provider hears nothing', async ({ page }) => {
  harness.core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(0) }, Date.now());
  const text = 'Is there room for this?';
  const { estimate } = await harness.core.chat.estimate({ providerId: 'openai', model: 'gpt-4o-mini', text });
  const month = latestMonth();
  const refusal =
    `Overall monthly cap would be exceeded: $0.00 spent of $0.00 in ${month}; ` +
    `this request is estimated at ${formatUsdForDisplay(estimate.cost!)}. Raise the cap, or allow this one request past it.`;

  await openChat(page, harness);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  // Before sending: the estimate, and the refusal with the cap's name and numbers.
  await expect(page.getByTestId('estimate')).toHaveText(`${estimate.inputTokens.toLocaleString('en-US')} tokens in · est. ${formatUsdForDisplay(estimate.cost!)}`);
  await expect(page.getByRole('alert').getByText(refusal, { exact: true })).toBeVisible();
  await expect(page.getByRole('alert').getByRole('button', { name: 'Send anyway (allow one request past the cap)' })).toBeVisible();
  await screenshot(page, 'cap-refusal');

  await box.press('Enter');
  await expect.poll(() => latestRequest(harness).status).toBe('refused');
  await expect(page.getByRole('alert').getByText(refusal, { exact: true })).toBeVisible();
  await expect(box).toHaveValue(text);
  await expect(page.getByRole('article')).toHaveCount(0);
  expect(harness.fake.requests).toEqual([]);
  expect(requestCount(harness)).toBe(1);

  await page.getByRole('button', { name: 'Send anyway (allow one request past the cap)' }).click();
  await expect(page.getByRole('article', { name: 'Assistant message' }).locator('.markdown')).toHaveText(`Echo: ${text}`);
  const allowed = await waitForFinal(harness, 'completed');
  expect(allowed.costUsdNanos).toBeGreaterThan(0);
  expect(harness.fake.requests).toHaveLength(1);
  await expect(box).toHaveValue('');
});

test('near the cap, the composer warns with the cap and its numbers but lets the message go', async ({ page }) => {
  const text = 'Just under the cap';
  const { estimate } = await harness.core.chat.estimate({ providerId: 'openai', model: 'gpt-4o-mini', text });
  const spent = harness.core.store.sqlite
    .prepare("SELECT COALESCE(SUM(cost_usd_nanos), 0) AS s FROM requests WHERE status NOT IN ('refused')")
    .get() as { s: number };
  // Room for this request, but its estimate takes the month past 80% of the cap.
  const cap = nanodollars(spent.s + estimate.cost! + 1000);
  harness.core.budgets.set({ scope: 'overall', monthlyCap: cap }, Date.now());

  await openChat(page, harness);
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  const after = formatUsdForDisplay(nanodollars(spent.s + estimate.cost!));
  await expect(page.getByRole('status').filter({ hasText: 'warning' })).toHaveText(
    `Overall monthly cap: ${after} of ${formatUsdForDisplay(cap)} in ${monthName()} after this request, past its 80% warning.`,
  );
  await expect(page.getByRole('alert')).toHaveCount(0);
  await screenshot(page, 'cap-warning');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('article', { name: 'Assistant message' }).locator('.markdown')).toHaveText(`Echo: ${text}`);
});

function monthName(): string {
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: harness.core.settings.get('timeZone') }).format(new Date());
}

function latestMonth(): string {
  const now = new Date();
  const tz = harness.core.settings.get('timeZone');
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' }).formatToParts(now);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}
