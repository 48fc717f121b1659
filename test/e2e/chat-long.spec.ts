import { expect, test, type Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

/** A stored conversation of `count` messages, written straight into SQLite. */
function seedConversation(id: string, count: number): void {
  const start = Date.now() - count * 1000;
  harness.core.conversations.create({ id, title: 'A thousand messages', providerId: 'openai', model: 'gpt-4o-mini' }, start);
  const insert = harness.core.store.sqlite.prepare(
    "INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, ?, ?, ?, 'complete', ?)",
  );
  harness.core.store.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const user = i % 2 === 0;
      const content = user
        ? `Question ${i}: what about item ${i}?`
        : `Answer ${i}.\n\n- point one of ${i}\n- point two\n\n\`\`\`js\nconst n = ${i};\n\`\`\`\n\n${'More words. '.repeat(i % 7)}`;
      insert.run(`${id}-m${i}`, id, user ? 'user' : 'assistant', content, start + i * 1000);
    }
  })();
}

const scroller = (page: Page) => page.locator('.message-scroller');

test('a 1,000-message conversation opens at its end, keeps only nearby rows in the DOM, and scrolls to its start', async ({ page }) => {
  seedConversation('long', 1000);
  await openChat(page, harness);
  await page.getByRole('button', { name: /^A thousand messages/ }).click();

  await expect(page.getByText('Answer 999.')).toBeVisible();
  const rendered = await page.locator('.message-row').count();
  expect(rendered).toBeGreaterThan(3);
  expect(rendered).toBeLessThan(60);

  // Scroll to the top in steps, as a user dragging the thumb would.
  await expect(async () => {
    await scroller(page).evaluate((el) => el.scrollBy(0, -20_000));
    await expect(page.getByText('Question 0: what about item 0?')).toBeVisible({ timeout: 100 });
  }).toPass({ timeout: 20_000 });
  expect(await page.locator('.message-row').count()).toBeLessThan(60);
});

test('auto-scroll follows a streaming answer until the user scrolls up, and resumes from "Latest"', async ({ page }) => {
  await openChat(page, harness);
  const lines = Array.from({ length: 120 }, (_, i) => `Line ${i} of a tall answer.`).join('\n\n');
  harness.fake.enqueue({ text: lines, deltaChars: 12, delayMs: 25 });
  await send(page, 'A tall answer please');

  const live = page.locator('article[aria-busy="true"]');
  await expect(live).toContainText('Line 25 of a tall answer.');
  const distanceFromEnd = () => scroller(page).evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
  expect(await distanceFromEnd()).toBeLessThanOrEqual(2);

  await scroller(page).hover();
  await page.mouse.wheel(0, -600);
  await expect.poll(distanceFromEnd).toBeGreaterThan(300);
  const top = await scroller(page).evaluate((el) => el.scrollTop);
  await expect(live).toContainText('Line 60 of a tall answer.');
  // Text kept arriving; the view stayed where the user put it.
  expect(Math.abs((await scroller(page).evaluate((el) => el.scrollTop)) - top)).toBeLessThanOrEqual(2);
  expect(await distanceFromEnd()).toBeGreaterThan(600);

  await page.getByRole('button', { name: 'Latest' }).click();
  await expect(live).toContainText('Line 90 of a tall answer.');
  expect(await distanceFromEnd()).toBeLessThanOrEqual(2);
  await waitForFinal(harness, 'completed');
  await expect(page.getByText('Line 119 of a tall answer.')).toBeVisible();
});
