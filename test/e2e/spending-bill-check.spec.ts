import { expect, test, type Page } from '@playwright/test';
import { startFakeAccounts, type FakeAccounts } from '../fake-accounts/fake-account-server';
import { startHarness, type Harness } from '../harness/start-harness';
import { insertLedgerRows } from '../reports/ledger-fixtures';

const ADMIN_KEY = 'sk-admin-e2e-right-4321';
const WRONG_KEY = 'sk-admin-e2e-wrong-0000';
let harness: Harness;
let accounts: FakeAccounts;
let today: string;

test.beforeAll(async () => {
  harness = await startHarness();
  // UTC, so the month the screen checks is the vendor's month too.
  harness.core.settings.set('timeZone', 'UTC');
  accounts = await startFakeAccounts({ bucketsPerPage: 3, keys: { openai: ADMIN_KEY, anthropic: '-', openrouter: '-', deepseek: '-' } });
  harness.core.providers.save({
    id: 'openai',
    kind: 'openai',
    name: 'My OpenAI',
    baseUrl: `${accounts.baseUrl}/v1`,
    keyRef: null,
    keyLast4: null,
    enabledModels: ['gpt-4o-mini'],
    modelSettings: {},
    createdAt: 0,
    updatedAt: 0,
  });
  const now = Date.now();
  const startOfDay = now - (now % 86_400_000);
  today = new Date(now).toISOString().slice(0, 10);
  insertLedgerRows(harness.core.store.sqlite, [
    { id: 'r1', providerId: 'openai', model: 'gpt-4o-mini', status: 'completed', usageSource: 'provider', inputTokens: 500, outputTokens: 50, startedAt: Math.min(startOfDay + 60_000, now - 1_000), cost: 4_000_000 },
  ]);
  harness.core.ledger.rebuildRollup();
  accounts.data.openaiCosts = [
    // 5% over the ledger: the planted drift.
    { day: today, lineItem: 'gpt-4o-mini-2024-07-18, output', projectId: 'proj_tally', value: 0.0042 },
    // Another app's project on the same organization.
    { day: today, lineItem: 'gpt-4o-mini-2024-07-18, input', projectId: 'proj_other', value: 0.75 },
  ];
});

test.afterAll(async () => {
  await harness.close();
  await accounts.close();
});

async function open(page: Page, screen: 'Settings' | 'Spending') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: screen }).click();
  await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
}

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] dd`);
const fetches = () => harness.core.store.sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM bill_fetches').get()!.n;

test('opt in naming the endpoints; a rejected key shows OpenAI’s words and stores nothing; the check flags the drift and shows the other app apart', async ({ page }) => {
  await page.goto(harness.server.url);
  await open(page, 'Settings');
  const card = page.getByRole('form', { name: 'Bill check for My OpenAI' });
  await expect(card.getByRole('list', { name: 'Endpoints the bill check for My OpenAI calls' }).getByRole('listitem')).toHaveText([
    `GET ${accounts.baseUrl}/v1/organization/costs`,
    `GET ${accounts.baseUrl}/v1/organization/usage/completions`,
  ]);
  await expect(card.getByText('OpenAI account · off')).toBeVisible();
  await card.getByLabel('Admin key').fill(WRONG_KEY);
  await card.getByLabel("Tallychat's project id (optional)").fill('proj_tally');
  await card.getByRole('button', { name: 'Turn on the bill check' }).click();
  await expect(card.getByText('OpenAI account · on')).toBeVisible();
  await expect(card.getByText('Set. It is never shown again.')).toBeVisible();
  await expect(card.getByLabel('Admin key')).toHaveValue('');
  await card.screenshot({ path: 'test-results/screenshots/settings-bill-check.png' });

  await open(page, 'Spending');
  const section = page.getByRole('region', { name: 'Bill check' });
  await expect(section.getByTestId('bill-check-meta')).toContainText('flagged above 2.00% · not fetched yet');
  await section.getByRole('button', { name: 'Check now' }).click();
  await expect(section.getByRole('alert')).toHaveText('OpenAI rejected the admin key (401): Invalid authorization header');
  expect(fetches()).toBe(0);
  await expect(section.getByTestId('bill-check-meta')).toContainText('not fetched yet');

  await open(page, 'Settings');
  await card.getByLabel('Admin key').fill(ADMIN_KEY);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByLabel('Admin key')).toHaveValue('');
  expect(await harness.secrets.read('memory:openai.admin')).toBe(ADMIN_KEY);
  await expect(page.locator('body')).not.toContainText(ADMIN_KEY);

  await open(page, 'Spending');
  await section.getByRole('button', { name: 'Check now' }).click();
  await expect(figure(page, 'bill-billed')).toHaveText('$0.0042');
  expect(fetches()).toBe(1);
  await expect(section.getByRole('alert')).toHaveCount(0);
  await expect(figure(page, 'bill-ledger')).toHaveText('$0.004');
  await expect(figure(page, 'bill-difference')).toHaveText('+$0.0002');
  await expect(figure(page, 'bill-flagged')).toHaveText('1');
  await expect(figure(page, 'bill-other-apps')).toHaveText('$0.75');

  const daily = section.getByRole('table', { name: 'Provider-billed against the ledger, per UTC day' });
  const row = daily.locator('tbody tr', { hasText: today });
  await expect(row).toHaveAttribute('data-flagged', 'true');
  await expect(row.getByRole('cell')).toHaveText([`${today} over 2.00%`, '$0.004', '$0.0042', '+$0.0002 (+5.00%)', '$0.75']);
  await expect(daily.locator('tbody tr[data-flagged]')).toHaveCount(1);
  await expect(section.getByText(`1 day differs by more than 2.00%: ${today}.`)).toBeVisible();

  const other = section.getByRole('table', { name: /Billed but never sent by Tallychat/ });
  await expect(other.locator('tbody tr').getByRole('cell')).toHaveText([today, 'proj_other · gpt-4o-mini-2024-07-18', '$0.75']);

  const chart = section.getByTestId('bill-check-chart');
  await expect(chart.getByRole('application')).toBeVisible();
  // The flagged day's billed bar is drawn in red, and no other.
  await expect(chart.locator('.recharts-bar-rectangle path[fill="#d9534f"]')).toHaveCount(1);
  await expect(chart.getByText(`Flagged: ${today}.`)).toBeAttached();
  await expect(chart.locator('.recharts-line')).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/spending-bill-check.png', fullPage: true });
});
