import { expect, test, type Page } from '@playwright/test';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { nanodollars } from '../../src/shared/money';
import { startHarness, type Harness } from '../harness/start-harness';
import { latestRequest, openChat, screenshot, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
  await harness.addFakeProvider('anthropic', { name: 'Fake Anthropic', models: ['claude-3-5-haiku-latest'] });
});

test.afterAll(async () => {
  await harness.close();
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Conversations' });
const conversationCost = (id: string) =>
  (harness.core.store.sqlite.prepare("SELECT SUM(cost_usd_nanos) AS s FROM requests WHERE conversation_id = ? AND status != 'refused'").get(id) as { s: number }).s;

async function chat(page: Page, text: string): Promise<string> {
  await send(page, text);
  const row = await waitForFinal(harness, 'completed');
  await expect(page.getByRole('article', { name: 'Assistant message' }).last().locator('.markdown')).toHaveText(`Echo: ${text}`);
  return row.conversationId!;
}

test('conversations: model groups, list with costs, search by content, rename, delete with confirm', async ({ page }) => {
  await openChat(page, harness);
  const picker = page.getByRole('combobox', { name: 'Model' });
  await expect(picker.locator('optgroup')).toHaveCount(2);
  await expect(picker.locator('optgroup[label="Fake Anthropic"] option')).toHaveText(['claude-3-5-haiku-latest']);
  await expect(picker.locator('optgroup[label="Fake OpenAI"] option')).toHaveText(['gpt-4o-mini']);

  const first = await chat(page, 'Plan a trip to Lisbon');
  await chat(page, 'And the budget for it?');
  await page.keyboard.press('Control+n');
  await picker.selectOption({ label: 'claude-3-5-haiku-latest' });
  const second = await chat(page, 'Explain rainbows');
  expect(latestRequest(harness).providerId).toBe('anthropic');

  const items = sidebar(page).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0).getByRole('button').first()).toContainText('Explain rainbows');
  await expect(items.nth(0).getByTitle('Total cost of this conversation')).toHaveText(formatUsdForDisplay(nanodollars(conversationCost(second))));
  await expect(items.nth(1).getByTitle('Total cost of this conversation')).toHaveText(formatUsdForDisplay(nanodollars(conversationCost(first))));
  await expect(page.locator('.thread-header')).toContainText(formatUsdForDisplay(nanodollars(conversationCost(second))));

  // Opening a conversation shows its messages and switches to its model.
  await items.nth(1).getByRole('button', { name: /^Plan a trip to Lisbon/ }).click();
  await expect(page.getByRole('article', { name: 'Your message' }).locator('.user-bubble')).toHaveText(['Plan a trip to Lisbon', 'And the budget for it?']);
  await expect(picker).toHaveValue(JSON.stringify(['openai', 'gpt-4o-mini']));

  // Search matches message text, not only titles.
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  await search.fill('budget for');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText('Plan a trip to Lisbon');
  await search.fill('no such words');
  await expect(items).toHaveCount(0);
  await expect(sidebar(page).getByText('Nothing matches “no such words”.')).toBeVisible();
  await search.fill('');
  await expect(items).toHaveCount(2);

  await items.nth(1).hover();
  await items.nth(1).getByRole('button', { name: 'Rename “Plan a trip to Lisbon”' }).click();
  const title = page.getByRole('textbox', { name: 'Conversation title' });
  await title.fill('Lisbon, October');
  await title.press('Enter');
  await expect(items.nth(1).getByRole('button').first()).toContainText('Lisbon, October');
  expect(harness.core.conversations.get(first)?.title).toBe('Lisbon, October');

  const spentBefore = conversationCost(first);
  await items.nth(1).hover();
  await items.nth(1).getByRole('button', { name: 'Delete “Lisbon, October”' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this conversation?' });
  await expect(dialog).toContainText('“Lisbon, October” and its messages will be deleted.');
  await screenshot(page, 'delete-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(items).toHaveCount(2);
  expect(harness.core.conversations.exists(first)).toBe(true);

  // Keyboard users reach the row's actions with Tab.
  await items.nth(1).getByRole('button', { name: /^Lisbon, October/ }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(items.nth(1).getByRole('button', { name: 'Delete “Lisbon, October”' })).toBeFocused();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(items).toHaveCount(1);
  expect(harness.core.conversations.exists(first)).toBe(false);
  // Money spent stays spent: the ledger rows remain.
  expect(conversationCost(first)).toBe(spentBefore);
  await expect(page.getByRole('heading', { name: 'New chat' })).toBeVisible();
});

test('Regenerate and Edit replace the last turn', async ({ page }) => {
  await openChat(page, harness);
  await page.keyboard.press('Control+n');
  const conversation = await chat(page, 'Name a colour');

  harness.fake.enqueue({ text: 'Teal, this time.' });
  await page.getByRole('button', { name: 'Regenerate' }).click();
  await expect(page.getByRole('article', { name: 'Assistant message' }).locator('.markdown')).toHaveText('Teal, this time.');
  await waitForFinal(harness, 'completed');
  expect(harness.core.conversations.messages(conversation).map((m) => m.content)).toEqual(['Name a colour', 'Teal, this time.']);

  const question = page.getByRole('article', { name: 'Your message' });
  await question.hover();
  await question.getByRole('button', { name: 'Edit' }).click();
  const editor = page.getByRole('textbox', { name: 'Edit message' });
  await expect(editor).toHaveValue('Name a colour');
  await editor.fill('Name a fruit');
  await page.getByRole('button', { name: 'Save and send' }).click();
  await expect(page.getByRole('article', { name: 'Assistant message' }).locator('.markdown')).toHaveText('Echo: Name a fruit');
  await waitForFinal(harness, 'completed');
  await expect(page.getByRole('article', { name: 'Your message' }).locator('.user-bubble')).toHaveText('Name a fruit');
  expect(harness.core.conversations.messages(conversation).map((m) => m.content)).toEqual(['Name a fruit', 'Echo: Name a fruit']);
});
