import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { CostSharesView, CostlyConversationsView, WhatIfView } from '../../src/shared/contract/insights-contract';
import { formatUsd, nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { scriptedClock, seedScriptedMonth } from './spend-alerts-fixture';

let harness: Harness;
let dataDir: string;

/** Every digit, as the figures' titles show it ("$0.018648"). */
const exact = (nanos: number) => `$${formatUsd(nanodollars(nanos)).replace(/(\.\d{2}\d*?)0+$/, '$1')}`;

async function value<T>(result: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.value as T;
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tallychat-insights-'));
  // March 2026 (UTC) on day 20: days 6-19 cost USD 0.00025 each, the overall cap is USD 0.01.
  await seedScriptedMonth(dataDir);
  harness = await startHarness({ dataDir, clock: scriptedClock() });
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
  for (const [words, turns] of [[30, 1], [300, 2]] as const) {
    let conversationId: string | undefined;
    for (let turn = 0; turn < turns; turn++) {
      harness.fake.enqueue({ text: 'reply '.repeat(words), usage: { input: 1_000 * (turn + 1), output: 200 } });
      const started = await harness.core.chat.send({ providerId: 'openai', model: 'gpt-4o-mini', text: 'word '.repeat(words), ...(conversationId ? { conversationId } : {}) });
      conversationId = started.conversationId;
      await started.done;
    }
  }
});

test.afterAll(async () => {
  await harness.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('Spending shows the month-end forecast against the cap, where the money went, and a what-if beside the period', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Spending' }).click();

  // 20 days so far: six without spend, fourteen at 0.00025, and today's three requests.
  const forecast = page.getByRole('region', { name: 'Month-end forecast' });
  const view = await value<{ forecast: { expectedNanos: number; lowNanos: number; highNanos: number }; spentNanos: number }>(harness.core.dispatch('spendingForecast', {}));
  await expect(forecast.getByRole('row', { name: /Overall monthly cap/ })).toContainText('within the cap');
  await expect(forecast.locator('[data-figure="forecast"] [title]')).toHaveAttribute(
    'title',
    `${exact(view.forecast.lowNanos)} to ${exact(view.forecast.highNanos)}, most likely ${exact(view.forecast.expectedNanos)}`,
  );
  // The median day is 0.00025 and eleven days are left.
  expect(view.forecast.expectedNanos).toBe(view.spentNanos + 11 * 250_000);

  const goes = page.getByRole('region', { name: 'Where the money goes' });
  const shares = await value<CostSharesView>(harness.core.dispatch('spendingCostShares', { period: { kind: 'this-month' } }));
  const today = harness.core.store.sqlite.prepare("SELECT SUM(cost_usd_nanos) FROM requests WHERE provider_id = 'openai'").pluck().get() as number;
  expect(shares.totalNanos).toBe(today);
  for (const part of shares.shares) {
    await expect(goes.getByRole('table', { name: 'Cost by kind of token' }).getByRole('row', { name: new RegExp(`^${part.label}`) }).locator('td').first()).toHaveAttribute(
      'title',
      `${exact(part.costNanos)} exactly`,
    );
  }
  const costly = await value<CostlyConversationsView>(harness.core.dispatch('spendingCostlyConversations', {}));
  expect(costly.rows).toHaveLength(2);
  const longest = goes.getByRole('table', { name: 'Conversations whose next message costs the most' }).getByRole('row').nth(1);
  await expect(longest.locator('td').last()).toHaveAttribute('title', `${exact(costly.rows[0]!.nextMessageNanos)} exactly, estimated as the composer does`);

  // What if this month had gone to gpt-4o-mini at USD 1 in, 2 out per million tokens.
  const whatIf = page.getByRole('form', { name: 'What if' });
  await whatIf.getByLabel('This period on').selectOption({ label: 'gpt-4o-mini (Fake OpenAI)' });
  await whatIf.getByRole('checkbox', { name: 'at my own prices' }).check();
  await whatIf.getByLabel('Input $/MTok', { exact: true }).fill('1');
  await whatIf.getByLabel('Output $/MTok', { exact: true }).fill('2');
  await whatIf.getByRole('button', { name: 'Compare' }).click();
  const expected = await value<WhatIfView>(
    harness.core.dispatch('spendingWhatIf', { period: { kind: 'this-month' }, providerId: 'openai', model: 'gpt-4o-mini', prices: { input: '1', output: '2' } }),
  );
  // The seeded days: 14 × (1,000 in × 1 + 166 out × 2) = USD 0.018648; today's three requests beside them.
  expect(expected.rows.find((row) => row.providerId === 'earlier')?.whatIfNanos).toBe(18_648_000);
  const section = page.getByRole('region', { name: 'What if' });
  await expect(section.locator('[data-figure="what-if-total"]')).toHaveAttribute('title', `${exact(expected.totals.whatIfNanos)} exactly`);
  await expect(section.locator('[data-figure="what-if-actual"]')).toHaveAttribute('title', `${exact(expected.totals.actualNanos)} exactly`);
  await page.screenshot({ path: 'test-results/screenshots/spending-insights.png', fullPage: true });
});
