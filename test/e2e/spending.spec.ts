import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { monthRangeAt, previousMonthRange } from '../../src/main/core/time/zoned-calendar';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { formatUsd, nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { insertLedgerRows } from '../reports/ledger-fixtures';

const TZ = 'Europe/Berlin';
let harness: Harness;

/** What the ledger itself says about [startMs, endMs): the figures the screen must show. */
function ledger(range: { startMs: number; endMs: number } | null) {
  const where = range ? 'AND started_at >= @startMs AND started_at < @endMs' : '';
  return harness.core.store.sqlite
    .prepare(
      `SELECT COALESCE(SUM(cost_usd_nanos), 0) AS spent, SUM(status != 'refused') AS requests,
         SUM(usage_source = 'estimated') AS estimated, SUM(cost_usd_nanos IS NULL AND status != 'refused') AS unpriced,
         SUM(input_tokens) AS input, SUM(output_tokens) AS output, COUNT(*) AS rows
       FROM requests WHERE status NOT IN ('pending', 'streaming') ${where}`,
    )
    .get(range ?? {}) as { spent: number; requests: number; estimated: number; unpriced: number; input: number; output: number; rows: number };
}

const money = (nanos: number) => formatUsdForDisplay(nanodollars(nanos));
/** The screen scrolls inside the app frame, so the window is made as tall as the screen for the picture. */
async function shot(page: Page, name: string) {
  const height = await page.evaluate(() => document.querySelector('.app-main')!.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.max(800, height) });
  await page.screenshot({ path: `test-results/screenshots/spending-${name}.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function send(providerId: string, model: string, text: string) {
  const started = await harness.core.chat.send({ providerId, model, text });
  const finished = await started.done;
  expect(finished.status).toBe('completed');
}

test.beforeAll(async () => {
  harness = await startHarness();
  harness.core.settings.set('timeZone', TZ);
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini', 'house-model-7b'] });
  await harness.addFakeProvider('anthropic', { name: 'Fake Anthropic', models: ['claude-sonnet-4-5'] });
  await send('openai', 'gpt-4o-mini', '=HYPERLINK("http://evil.example","trip") plan a trip');
  await send('openai', 'gpt-4o-mini', 'Summarize the meeting notes, please.');
  harness.fake.enqueue({ usage: null, text: 'No usage was reported for this answer.' });
  await send('openai', 'gpt-4o-mini', 'Answer without usage');
  await send('openai', 'house-model-7b', 'A model with no known price');
  await send('anthropic', 'claude-sonnet-4-5', 'Hello from Anthropic');
  // Last month holds one earlier request, written straight into the ledger.
  insertLedgerRows(harness.core.store.sqlite, [
    {
      id: 'last-month-1',
      startedAt: previousMonthRange(Date.now(), TZ).startMs + 86_400_000,
      providerId: 'openai',
      model: 'gpt-4o-mini',
      status: 'completed',
      inputTokens: 100_000,
      outputTokens: 20_000,
      usageSource: 'provider',
      cost: 27_000_000,
      priceInput: 150_000_000,
      priceOutput: 600_000_000,
    },
  ]);
  harness.core.ledger.rebuildRollup();
  harness.core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(5_000_000_000) }, Date.now());
});

test.afterAll(async () => {
  await harness.close();
});

async function openSpending(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Spending' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spending' })).toBeVisible();
  return errors;
}

const card = (page: Page, figure: string) => page.locator(`.spending-card[data-figure="${figure}"] .spending-card-value`);

test("this month's figures are the ledger's, to the nano-dollar", async ({ page }) => {
  const errors = await openSpending(page);
  const month = ledger(monthRangeAt(Date.now(), TZ));
  expect(month.requests).toBe(5);
  expect(month.estimated).toBe(1);
  expect(month.unpriced).toBe(1);

  await expect(page.getByTestId('period-label')).toHaveText(new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: TZ }).format(Date.now()));
  await expect(card(page, 'spent')).toHaveText(money(month.spent));
  await expect(card(page, 'spent')).toHaveAttribute('title', new RegExp(`^\\$${formatUsd(nanodollars(month.spent)).replace(/(\.\d{2}\d*?)0+$/, '$1').replace('.', '\\.')} exactly$`));
  await expect(card(page, 'requests')).toHaveText('5');
  await expect(card(page, 'input-tokens')).toHaveText(month.input.toLocaleString('en-US'));
  await expect(card(page, 'output-tokens')).toHaveText(month.output.toLocaleString('en-US'));
  await expect(page.getByRole('note')).toContainText('1 request estimated, 1 with unknown price');

  // The month panel and the cap read the same sum as the budgets.
  await expect(page.locator('[data-figure="month-spent"]')).toHaveText(money(month.spent));
  const cap = page.getByRole('list', { name: 'Monthly caps' }).getByRole('listitem');
  await expect(cap).toContainText(`Overall monthly cap${money(month.spent)} of $5.00`);

  // Breakdown by provider adds up; the request log marks the unknown price and the estimate.
  const providers = page.getByRole('table', { name: 'Spending by provider' });
  await expect(providers.getByRole('row')).toHaveCount(3);
  const log = page.getByRole('table', { name: 'Request log' });
  await expect(log.getByRole('row')).toHaveCount(1 + 5);
  await expect(log.getByRole('row').filter({ hasText: 'house-model-7b' })).toContainText('price unknown');
  await expect(log.getByRole('row').filter({ hasText: 'Answer without usage' })).toContainText('est.');
  await shot(page, 'this-month');

  // Hover shows the exact amount of the day's bar.
  const bars = page.locator('.spending-chart.wide .recharts-bar-rectangle');
  await bars.last().hover();
  await expect(page.locator('.spending-tooltip-title')).toContainText(`$${formatUsd(nanodollars(month.spent)).replace(/(\.\d{2}\d*?)0+$/, '$1')}`);
  await shot(page, 'tooltip');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'dark');
  expect(errors).toEqual([]);
});

test('switching periods changes the figures to those periods', async ({ page }) => {
  await openSpending(page);
  const thisMonth = ledger(monthRangeAt(Date.now(), TZ));
  const lastMonth = ledger(previousMonthRange(Date.now(), TZ));
  const all = ledger(null);
  const period = page.getByRole('group', { name: 'Period' });

  await expect(card(page, 'spent')).toHaveText(money(thisMonth.spent));
  await period.getByRole('button', { name: 'Last month' }).click();
  await expect(card(page, 'spent')).toHaveText(money(lastMonth.spent));
  await expect(card(page, 'requests')).toHaveText('1');
  await expect(page.getByRole('table', { name: 'Request log' }).getByRole('row')).toHaveCount(2);

  await period.getByRole('button', { name: 'All time' }).click();
  await expect(card(page, 'spent')).toHaveText(money(all.spent));
  await expect(card(page, 'requests')).toHaveText('6');
  await shot(page, 'all-time');

  await period.getByRole('button', { name: '24 hours' }).click();
  await expect(card(page, 'spent')).toHaveText(money(ledger({ startMs: Date.now() - 86_400_000, endMs: Date.now() + 1 }).spent));
  await expect(card(page, 'requests')).toHaveText('5');
  await expect(page.locator('.spending-chart-head h3')).toHaveText('Spend per hour');

  // A custom range of last month's dates is last month again.
  await period.getByRole('button', { name: 'Custom…' }).click();
  const range = previousMonthRange(Date.now(), TZ);
  const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(ms);
  await page.getByLabel('From', { exact: true }).fill(day(range.startMs));
  await page.getByLabel('To', { exact: true }).fill(day(range.endMs - 1));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(card(page, 'spent')).toHaveText(money(lastMonth.spent));

  // Filtering the log by status and by text.
  await period.getByRole('button', { name: 'This month' }).click();
  await page.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'Fake Anthropic' });
  const log = page.getByRole('table', { name: 'Request log' });
  await expect(log.getByRole('row')).toHaveCount(2);
  await expect(log.getByRole('row').nth(1)).toContainText('claude-sonnet-4-5');
  await page.getByRole('combobox', { name: 'Provider' }).selectOption({ label: 'All' });
  await page.getByRole('searchbox', { name: 'Search' }).fill('meeting notes');
  await expect(log.getByRole('row')).toHaveCount(2);
  await shot(page, 'request-log');
});

test('a CSV export downloads and parses, and its sums are the ledger’s', async ({ page }) => {
  await openSpending(page);
  const thisMonth = ledger(monthRangeAt(Date.now(), TZ));
  await expect(card(page, 'spent')).toHaveText(money(thisMonth.spent));

  const exportCsv = async (grouping: string) => {
    await page.getByRole('combobox', { name: 'Rows of the export' }).selectOption({ label: grouping });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    return { name: download.suggestedFilename(), rows: parse(text, { columns: true, bom: true, record_delimiter: '\r\n' }) as Record<string, string>[] };
  };
  const sumUsd = (values: string[]) => values.reduce((sum, v) => sum + (v === '' ? 0n : BigInt(v.replace('.', ''))), 0n);

  const requests = await exportCsv('Every request');
  expect(requests.name).toMatch(/^tallychat-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}-by-request\.csv$/);
  expect(requests.rows).toHaveLength(thisMonth.rows);
  expect(sumUsd(requests.rows.map((r) => r.cost_usd!))).toBe(BigInt(thisMonth.spent));
  expect(requests.rows.find((r) => r.model === 'house-model-7b')!.cost_usd).toBe('');
  expect(requests.rows.find((r) => r.usage_source === 'estimated')).toBeDefined();
  expect(requests.rows.find((r) => r.conversation_title!.startsWith("'=HYPERLINK"))).toBeDefined();
  for (const r of requests.rows) expect(r.started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/);

  const models = await exportCsv('Per model');
  expect(models.rows.map((r) => r.model).sort()).toEqual(['claude-sonnet-4-5', 'gpt-4o-mini', 'house-model-7b']);
  expect(sumUsd(models.rows.map((r) => r.cost_usd!))).toBe(BigInt(thisMonth.spent));
  expect(models.rows.find((r) => r.model === 'house-model-7b')).toMatchObject({ cost_usd: '', unpriced_requests: '1' });
});
