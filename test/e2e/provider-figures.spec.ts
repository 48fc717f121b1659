import { expect, test } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { costOfTokens, pricePerMTok } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { priceDataText, startPriceServer } from '../pricing/price-data-fixture';
import { openChat, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o'] });
  await harness.addFakeProvider('openrouter', { name: 'Fake OpenRouter', models: ['openai/gpt-4o'] });
});

test.afterAll(async () => {
  await harness.close();
});

test.beforeEach(() => harness.fake.reset());

test('the chip shows what caching saved and the provider\'s own figure, equal to the ledger', async ({ page }) => {
  harness.fake.enqueue({ text: 'Cached answer.', usage: { input: 3_000, output: 12, cachedInput: 2_048 } });
  await openChat(page, harness);
  await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify(['openai', 'gpt-4o']));
  await send(page, 'A long stable prompt');
  const row = await waitForFinal(harness, 'completed');
  // The saving, derived here from the row's own frozen prices: 2,048 × ($2.50 − $1.25) per MTok.
  const saved = costOfTokens(row.cachedInputTokens!, pricePerMTok(row.priceInputUsdNanosPerMTok! - row.priceCacheReadUsdNanosPerMTok!));
  expect(saved).toBe(2_560_000);
  const answer = page.getByRole('article', { name: 'Assistant message' });
  const chip = answer.getByRole('group', { name: 'Request details' });
  await expect(chip.getByTitle('What prompt caching saved on this request')).toHaveText(`saved ${formatUsdForDisplay(saved)}`);
  await expect(chip.getByTitle("The provider's own figure for this request")).toHaveCount(0);
  await expect(page.getByTitle('What prompt caching saved over this conversation')).toHaveText(`· saved ${formatUsdForDisplay(saved)}`);

  harness.fake.enqueue({ flavor: 'openrouter', text: 'Routed answer.', usage: { input: 100, output: 20, costUsd: 0.000155 } });
  await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify(['openrouter', 'openai/gpt-4o']));
  await send(page, 'And through the router?');
  await expect.poll(() => harness.fake.requests.length).toBe(2);
  const routed = await waitForFinal(harness, 'completed');
  expect(routed.providerCostUsdNanos).toBe(155_000);
  const second = page.getByRole('article', { name: 'Assistant message' }).nth(1);
  await expect(second.getByTitle("The provider's own figure for this request")).toHaveText(`provider: ${formatUsdForDisplay(routed.providerCostUsdNanos!)}`);
  await expect(second.getByTitle('Cost')).toHaveText(formatUsdForDisplay(routed.costUsdNanos!));
  await page.screenshot({ path: 'test-results/screenshots/chat-provider-figures.png' });
});

test('Settings → Prices → Update prices fetches newer data from 127.0.0.1 and the catalog column follows', async ({ page }) => {
  const body = priceDataText({ input: 5, cacheRead: 2.5, output: 20 });
  const prices = await startPriceServer({ '/data.json': { body }, '/cut.json': { body: body.slice(0, 200) } });
  try {
    await page.goto(harness.server.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const panel = page.getByRole('form', { name: 'Price data' });
    await expect(panel.getByRole('status', { name: 'Price data in use' })).toHaveText(/^In use: the catalog bundled with this version \(genai-prices \d+\.\d+\.\d+\)\.$/);

    await panel.getByLabel('Fetch prices from').fill(prices.url('/cut.json'));
    await panel.getByRole('button', { name: 'Update prices' }).click();
    await expect(panel.getByRole('alert')).toHaveText(/^The price data is not complete JSON \(a truncated download\?\): .+ Prices are unchanged\.$/);

    await panel.getByLabel('Fetch prices from').fill(prices.url('/data.json'));
    await panel.getByRole('button', { name: 'Update prices' }).click();
    await expect.poll(() => harness.core.services.priceData.view().stored).not.toBeNull();
    const date = harness.core.services.priceData.view().stored?.date;
    await expect(panel.getByText(`Prices updated: new requests are priced with genai-prices-data@${date}.`)).toBeVisible();
    await expect(panel.getByRole('status', { name: 'Price data in use' })).toHaveText(
      `In use: price data of ${date} (7 providers, from ${prices.url('/data.json')}).`,
    );
    const row = page.getByRole('article', { name: 'gpt-4o on Fake OpenAI' });
    await expect(row.getByText('in $5.00 / MTok').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/settings-price-data.png' });

    // The offline import: a data file picked from disk, checked and stored like a fetched one.
    await panel.getByLabel('Import a price data file').setInputFiles({ name: 'offline.json', mimeType: 'application/json', buffer: Buffer.from(body) });
    await expect(panel.getByRole('status', { name: 'Price data in use' })).toHaveText(/^In use: price data of \S+ \(7 providers, from file:offline\.json\)\.$/);
  } finally {
    await prices.close();
  }
});
