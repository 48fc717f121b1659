import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o', 'o3-pro'] });
});

test.afterAll(async () => {
  await harness.close();
});

async function openSettings(page: import('@playwright/test').Page) {
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
}

test('Settings says which API each OpenAI model uses, and a change reaches the next request', async ({ page }) => {
  await openSettings(page);
  const card = page.getByRole('article', { name: 'Fake OpenAI' });
  const o3pro = card.getByRole('combobox', { name: 'API for o3-pro' });
  const gpt4o = card.getByRole('combobox', { name: 'API for gpt-4o' });
  await expect(o3pro.locator('option:checked')).toHaveText('Default (Responses)');
  await expect(gpt4o.locator('option:checked')).toHaveText('Default (Chat Completions)');

  await gpt4o.selectOption('responses');
  await expect(gpt4o.locator('option:checked')).toHaveText('Responses');
  expect(harness.core.providers.get('openai')?.modelSettings['gpt-4o']).toEqual({ api: 'responses' });

  harness.fake.enqueue({ protocol: 'openai-responses', text: 'Via Responses.', usage: { input: 5, output: 3 } });
  await (await harness.core.chat.send({ providerId: 'openai', model: 'gpt-4o', text: 'Which API?' })).done;
  expect(harness.fake.requests.at(-1)?.path).toBe('/v1/responses');

  await gpt4o.selectOption('');
  await expect(gpt4o.locator('option:checked')).toHaveText('Default (Chat Completions)');
  expect(harness.core.providers.get('openai')?.modelSettings['gpt-4o']).toBeUndefined();
});

test('the General setting turns the automatic prompt cache marks off and on', async ({ page }) => {
  await openSettings(page);
  const box = page.getByRole('checkbox', { name: 'Cache long conversations (Anthropic)' });
  await expect(box).toBeChecked();
  // The box shows the stored setting: it changes when the core's reply comes, so it is clicked, then awaited.
  await box.click();
  await expect(box).not.toBeChecked();
  expect(harness.core.settings.get('promptCaching')).toBe(false);
  await box.click();
  await expect(box).toBeChecked();
  expect(harness.core.settings.get('promptCaching')).toBe(true);
});
