import { expect, test } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, send, waitForFinal } from './chat-support';

const SOURCES = [
  { url: 'https://example.org/ledgers?from=1494&to=2026', title: 'Ledgers — a history', date: '2025-03-14' },
  { url: 'https://example.com/ünïcode/pacioli', title: 'Pacioli 🌍' },
  { url: 'https://example.net/no-title' },
];

let harness: Harness;

test.afterEach(async () => {
  await harness.close();
});

test("a Perplexity answer shows its sources as numbered links under it, with the request fee on the chip, and both after a restart", async ({ page }) => {
  harness = await startHarness();
  const provider = await harness.addFakeProvider('perplexity', { name: 'Fake Perplexity', models: ['sonar'] });
  harness.fake.enqueue({
    flavor: 'perplexity',
    text: 'Double-entry ledgers go back to 1494 [1][2][3].',
    citations: SOURCES,
    deltaChars: 6,
    split: { seed: 15, maxBytes: 37 },
    usage: { input: 14, output: 22, costUsd: 0.005036 },
  });
  await openChat(page, harness);
  await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify([provider, 'sonar']));
  await send(page, 'How old are ledgers?');
  const row = await waitForFinal(harness, 'completed');
  // 36 tokens × $1/MTok + Perplexity's low-context request fee of $0.005: Perplexity's own figure.
  expect(row).toMatchObject({ costUsdNanos: 5_036_000, requestFeeUsdNanos: 5_000_000, providerCostUsdNanos: 5_036_000 });

  const checkAnswer = async () => {
    const answer = page.getByRole('article', { name: 'Assistant message' });
    await expect(answer.getByText('Double-entry ledgers go back to 1494 [1][2][3].')).toBeVisible();
    const sources = answer.getByRole('region', { name: 'Sources' });
    const links = sources.getByRole('listitem').getByRole('link');
    await expect(sources.getByRole('listitem')).toHaveText(['Ledgers — a history · 2025-03-14', 'Pacioli 🌍', 'https://example.net/no-title']);
    await expect(links).toHaveCount(3);
    for (const [i, source] of SOURCES.entries()) {
      await expect(links.nth(i)).toHaveAttribute('href', source.url);
      // The window's external-link path: a new window that main denies and hands to the system browser.
      await expect(links.nth(i)).toHaveAttribute('target', '_blank');
      await expect(links.nth(i)).toHaveAttribute('rel', 'noreferrer');
    }
    const chip = answer.getByRole('group', { name: 'Request details' });
    await expect(chip.getByTitle(/^The provider's fee per request/)).toHaveText(`request fee ${formatUsdForDisplay(row.requestFeeUsdNanos!)}`);
    await expect(chip.getByTitle('Cost')).toHaveText(formatUsdForDisplay(row.costUsdNanos!));
  };
  await checkAnswer();
  await page.screenshot({ path: 'test-results/screenshots/chat-answer-sources.png' });

  // A restart: a new core on the same data folder; the answer's sources come back from the database.
  await harness.close();
  harness = await startHarness({ dataDir: harness.dataDir, secrets: harness.secrets });
  await openChat(page, harness);
  await page.getByRole('button', { name: /How old are ledgers/ }).first().click();
  await checkAnswer();
});

test('Settings → Prices shows the request fee by search context, and a request fee of your own is what the next answer pays', async ({ page }) => {
  harness = await startHarness();
  const provider = await harness.addFakeProvider('perplexity', { name: 'Fake Perplexity', models: ['sonar'] });
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const price = page.getByRole('article', { name: 'sonar on Fake Perplexity' });
  await expect(price.getByText('request fee $0.005 / request to $0.012 / request').first()).toBeVisible();

  await price.getByRole('button', { name: 'Set my own price' }).click();
  const form = price.getByRole('form', { name: 'New price for sonar' });
  // The catalog's fee is not copied into your price: it would charge the highest fee for every search.
  await expect(form.getByLabel('Request fee')).toHaveValue('');
  await form.getByLabel('Request fee').fill('0.004');
  await form.getByLabel('1-hour cache write').fill('2.5');
  await form.getByLabel('Effective from').fill('2020-01-01');
  await form.getByRole('button', { name: 'Save price' }).click();
  await expect(price.getByText('request fee $0.004 / request').first()).toBeVisible();
  await expect(price.getByText('1-hour cache write $2.50 / MTok').first()).toBeVisible();

  harness.fake.enqueue({ flavor: 'perplexity', text: 'Priced by you.', usage: { input: 10, output: 5 } });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
  await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify([provider, 'sonar']));
  await send(page, 'Hello');
  const row = await waitForFinal(harness, 'completed');
  // 15 tokens × $1/MTok (the catalog's token prices, as the form copied them) + your $0.004 fee
  expect(row).toMatchObject({ costUsdNanos: 15_000 + 4_000_000, requestFeeUsdNanos: 4_000_000 });
  const chip = page.getByRole('article', { name: 'Assistant message' }).getByRole('group', { name: 'Request details' });
  await expect(chip.getByTitle(/^The provider's fee per request/)).toHaveText(`request fee ${formatUsdForDisplay(nanodollars(4_000_000))}`);
  await page.screenshot({ path: 'test-results/screenshots/settings-request-fee.png' });
});
