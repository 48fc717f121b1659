import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';

const KEY = 'sk-e2e-PLAYWRIGHT-0123456789-WXYZ';
let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
});

test.afterAll(async () => {
  await harness.close();
});

test('adds a provider against the fake server, tests it, shows only the key\'s last four, and chats with it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });

  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('key-storage')).toHaveText('test memory store');

  await page.getByRole('button', { name: 'Add provider' }).click();
  const form = page.getByRole('form', { name: 'New provider' });
  await form.getByLabel('Kind').selectOption('openai');
  await form.getByLabel('Name').fill('Fake OpenAI');
  await form.getByLabel('Base URL').fill(`${harness.fake.baseUrl}/v1`);
  await form.getByLabel('API key').fill(KEY);
  await form.getByRole('button', { name: 'Save provider' }).click();

  const card = page.getByRole('article', { name: 'Fake OpenAI' });
  await expect(card.getByTestId('masked-key')).toHaveText('••••WXYZ');
  await expect(card.getByText(`${harness.fake.baseUrl}/v1`)).toBeVisible();
  expect(await page.content()).not.toContain(KEY.slice(0, -4));

  // The listing only answers when the stored key comes with it.
  harness.fake.enqueue({ endpoint: 'models', expectApiKey: KEY });
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'Connected' })).toHaveText('Connected: 3 models available.');
  for (const model of ['gpt-4o-mini', 'gpt-4o', 'o4-mini']) await expect(card.getByRole('checkbox', { name: model, exact: true })).not.toBeChecked();
  await card.getByRole('checkbox', { name: 'gpt-4o-mini', exact: true }).check();
  await card.getByRole('button', { name: 'Save models' }).click();
  await expect(card.getByRole('checkbox', { name: 'gpt-4o-mini', exact: true })).toBeChecked();
  await expect(card.getByRole('rowheader', { name: 'gpt-4o-mini' })).toBeVisible();

  const price = page.getByRole('article', { name: 'gpt-4o-mini on Fake OpenAI' });
  await expect(price.getByText('in $0.15 / MTok').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/settings-providers.png', fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Chat' }).click();
  await page.getByLabel('Model').selectOption({ label: 'gpt-4o-mini' });
  await page.getByLabel('Message').fill('hello from settings');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Echo: hello from settings')).toBeVisible();

  const [providerId] = harness.core.providers.list().map((p) => p.id);
  await expect
    .poll(() => harness.core.store.sqlite.prepare('SELECT provider_id, model, status FROM requests').all())
    .toEqual([{ provider_id: providerId, model: 'gpt-4o-mini', status: 'completed' }]);
  expect(harness.fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
  expect(errors).toEqual([]);
});

test('checks base URLs as they are typed: only http(s), and a warning for plain http to another machine', async ({ page }) => {
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Add provider' }).click();
  const form = page.getByRole('form', { name: 'New provider' });
  await form.getByLabel('Kind').selectOption('openai-compatible');
  const url = form.getByLabel('Base URL');

  await url.fill('http://gpu-box.lan:8000/v1');
  await expect(form.getByRole('status')).toHaveText(
    'This address uses plain http: your API key and messages would travel unencrypted to gpu-box.lan. Use https unless you trust every network in between.',
  );
  await url.fill('file:///etc/passwd');
  await expect(form.getByRole('alert')).toHaveText('Use an http:// or https:// address; file: is not allowed for a provider.');
  await form.getByLabel('Name').fill('Bad one');
  await form.getByRole('button', { name: 'Save provider' }).click();
  await expect(form.getByRole('alert').last()).toHaveText('Use an http:// or https:// address; file: is not allowed for a provider.');
  await url.fill('https://llm.example.com/v1');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(form.getByText(/unencrypted/)).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('article', { name: 'Bad one' })).toHaveCount(0);
});

test('sets a cap and a price override, and deletes all history only after the phrase', async ({ page }) => {
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();

  const capForm = page.getByRole('form', { name: 'Set a cap' });
  await capForm.getByLabel('Monthly cap').fill('12.50');
  await capForm.getByLabel('Warn at (%)').fill('75');
  await capForm.getByRole('button', { name: 'Set cap' }).click();
  const capRow = page.getByRole('row', { name: /Overall monthly cap/ });
  await expect(capRow).toContainText('$12.50');
  await expect(capRow).toContainText('75%');

  const price = page.getByRole('article', { name: 'gpt-4o-mini on Fake OpenAI' });
  await price.getByRole('button', { name: 'Set my own price' }).click();
  const priceForm = price.getByRole('form', { name: 'New price for gpt-4o-mini' });
  await expect(priceForm.getByLabel('Input')).toHaveValue('0.15');
  await priceForm.getByLabel('Input').fill('0.01875');
  await priceForm.getByLabel('Effective from').fill('2026-01-01');
  await priceForm.getByRole('button', { name: 'Save price' }).click();
  await expect(price.getByRole('cell', { name: '2026-01-01', exact: true })).toBeVisible();
  await expect(price.getByText('in $0.01875 / MTok').first()).toBeVisible();

  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Prices' }).click();
  await expect(page.getByRole('heading', { name: 'Prices', level: 2 })).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/settings-prices-budgets.png' });

  await page.getByRole('button', { name: 'Delete all history…' }).click();
  const confirm = page.getByRole('button', { name: 'Delete everything' });
  await expect(confirm).toBeDisabled();
  await page.getByLabel('Type delete all history to confirm').fill('delete all history');
  await confirm.click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted' })).toHaveText('Deleted 1 conversation, 2 messages and 1 request.');
  expect(harness.core.store.sqlite.prepare('SELECT count(*) AS n FROM requests').get()).toEqual({ n: 0 });
  expect(harness.core.providers.list()).toHaveLength(1);
  await page.screenshot({ path: 'test-results/screenshots/settings-danger-zone.png' });
});
