import { expect, test, type Page } from '@playwright/test';
import { monthRangeAt } from '../../src/main/core/time/zoned-calendar';
import { formatUsd, nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { insertLedgerRows, type SeedRow } from '../reports/ledger-fixtures';

const TZ = 'Europe/Berlin';
let harness: Harness;

/** Every digit, trailing zeros past the cents dropped, as the section shows exact amounts. */
function exact(nanos: number): string {
  const text = formatUsd(nanodollars(Math.abs(nanos))).replace(/(\.\d{2}\d*?)0+$/, '$1');
  return `${nanos < 0 ? '-' : nanos > 0 ? '+' : ''}$${text}`;
}
const amount = (nanos: number) => exact(nanos).replace(/^\+/, '');

function seed(now: number): SeedRow[] {
  const base = { providerId: 'openrouter', status: 'completed', usageSource: 'provider', inputTokens: 2_000, outputTokens: 300 } as const;
  const minutesAgo = (m: number) => now - m * 60_000;
  return [
    { ...base, id: 'r1', startedAt: minutesAgo(10), model: 'openai/gpt-4o', cost: 1_250_000, providerCost: 1_250_000 },
    { ...base, id: 'r2', startedAt: minutesAgo(9), model: 'anthropic/claude-sonnet-4', cost: 3_400_000, providerCost: 3_412_345 },
    { ...base, id: 'r3', startedAt: minutesAgo(8), model: 'x-ai/grok-4', cost: 900_000, providerCost: 850_000 },
    { ...base, id: 'r4', startedAt: minutesAgo(7), model: 'openai/gpt-4o', cost: 77_777, providerCost: 77_700 },
    { ...base, id: 'r5', startedAt: minutesAgo(6), model: 'perplexity/sonar', cost: 5_000_000, providerCost: 5_006_000 },
    { ...base, id: 'r6', startedAt: minutesAgo(5), model: 'openai/gpt-4o', cost: 10, providerCost: 11 },
    // No provider figure: in neither sum; its caching saving counts.
    { ...base, id: 'r7', startedAt: minutesAgo(4), providerId: 'anthropic', model: 'claude-sonnet-4', cost: 8_000_000, cachedInputTokens: 120_000, priceInput: 3_000_000_000, priceCacheRead: 300_000_000 },
    { ...base, id: 'r8', startedAt: minutesAgo(3), model: 'openai/gpt-4o', cost: 2_000_000, providerCost: 1_990_000, cachedInputTokens: 4_000, priceInput: 2_500_000_000, priceCacheRead: 1_250_000_000 },
  ];
}

/** What the ledger itself says about this month, summed here in SQL: the figures the screen must show. */
function ledger() {
  const range = monthRangeAt(Date.now(), TZ);
  const sqlite = harness.core.store.sqlite;
  const inMonth = `status NOT IN ('pending', 'streaming', 'refused') AND started_at >= @startMs AND started_at < @endMs`;
  const drift = sqlite
    .prepare(
      `SELECT COUNT(*) AS n, SUM(cost_usd_nanos) AS ours, SUM(provider_cost_usd_nanos) AS theirs FROM requests
       WHERE ${inMonth} AND cost_usd_nanos IS NOT NULL AND provider_cost_usd_nanos IS NOT NULL`,
    )
    .get(range) as { n: number; ours: number; theirs: number };
  // The seeded savings are whole nano-dollars, so integer division here loses nothing.
  const saved = sqlite
    .prepare(
      `SELECT SUM(cached_input_tokens * (price_input_usd_nanos_per_mtok - price_cache_read_usd_nanos_per_mtok) / 1000000) AS saved
       FROM requests WHERE ${inMonth} AND cached_input_tokens IS NOT NULL`,
    )
    .get(range) as { saved: number };
  const top = sqlite
    .prepare(
      `SELECT model, cost_usd_nanos AS ours, provider_cost_usd_nanos AS theirs FROM requests
       WHERE ${inMonth} AND cost_usd_nanos IS NOT NULL AND provider_cost_usd_nanos IS NOT NULL
       ORDER BY ABS(provider_cost_usd_nanos - cost_usd_nanos) DESC, started_at DESC LIMIT 5`,
    )
    .all(range) as { model: string; ours: number; theirs: number }[];
  return { ...drift, saved: saved.saved, top };
}

test.beforeAll(async () => {
  harness = await startHarness();
  harness.core.settings.set('timeZone', TZ);
  insertLedgerRows(harness.core.store.sqlite, seed(Date.now()));
  harness.core.ledger.rebuildRollup();
});

test.afterAll(async () => {
  await harness.close();
});

async function openSpending(page: Page) {
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Spending' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Spending' })).toBeVisible();
}

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] dd`);

test("the provider's own figure against ours, and what caching saved, equal the ledger's sums", async ({ page }) => {
  await openSpending(page);
  const sums = ledger();
  expect(sums.n).toBe(7);
  expect(sums.saved).toBe(324_000_000 + 5_000_000);

  await expect(figure(page, 'cache-saved')).toHaveText(amount(sums.saved));
  await expect(figure(page, 'compared-requests')).toHaveText('7');
  await expect(figure(page, 'provider-cost')).toHaveText(amount(sums.theirs));
  await expect(figure(page, 'our-cost')).toHaveText(amount(sums.ours));
  const difference = sums.theirs - sums.ours;
  expect(difference).toBe(12_345 - 50_000 - 77 + 6_000 + 1 - 10_000);
  await expect(figure(page, 'drift')).toHaveText(`${exact(difference)} (${((difference / sums.ours) * 100).toFixed(2)}%)`);

  const table = page.getByRole('table', { name: "Requests where the provider's figure differs most" });
  const rows = table.getByRole('row');
  await expect(rows).toHaveCount(1 + 5);
  for (const [index, row] of sums.top.entries()) {
    const cells = rows.nth(index + 1).getByRole('cell');
    await expect(cells.nth(1)).toHaveText(row.model);
    await expect(cells.nth(2)).toHaveText(amount(row.ours));
    await expect(cells.nth(3)).toHaveText(amount(row.theirs));
    await expect(cells.nth(4)).toHaveText(exact(row.theirs - row.ours));
  }
  await expect(page.getByText('The 5 requests that differ most of 7.')).toBeVisible();

  // A period without such rows says so instead of showing zeros as if they were known.
  await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: 'Last month' }).click();
  await expect(figure(page, 'cache-saved')).toHaveText('nothing known');
  await expect(page.getByText("No request in this period carries the provider's own cost.")).toBeVisible();
});
