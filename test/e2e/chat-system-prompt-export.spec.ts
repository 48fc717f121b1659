import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o'] });
});

test.afterAll(async () => {
  await harness.close();
});

type Sent = { messages: { role: string; content: string }[] };

test('a default system prompt, overridden in a conversation, reaches the request body; the conversation exports as Markdown', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(harness.server.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
  const defaults = page.getByRole('form', { name: 'Default system prompt' });
  await defaults.getByRole('textbox', { name: 'Default system prompt' }).fill('Answer in French.');
  await defaults.getByRole('button', { name: 'Save system prompt' }).click();
  await expect(defaults.getByRole('status')).toHaveText('Saved');
  expect(harness.core.settings.get('defaultSystemPrompt')).toBe('Answer in French.');

  await openChat(page, harness);
  harness.fake.enqueue({ text: 'Bonjour.', usage: { input: 12, output: 2 } });
  await send(page, 'Hello');
  await waitForFinal(harness, 'completed');
  expect((harness.fake.requests.at(-1)?.body as Sent).messages).toEqual([
    { role: 'system', content: 'Answer in French.' },
    { role: 'user', content: 'Hello' },
  ]);

  await page.getByRole('button', { name: 'System prompt: default' }).click();
  const own = page.getByRole('form', { name: 'Conversation system prompt' });
  await own.getByRole('textbox', { name: 'System prompt of this conversation' }).fill('Answer like a pirate.');
  await own.getByRole('button', { name: 'Save system prompt' }).click();
  await expect(page.getByRole('button', { name: 'System prompt: this conversation’s' })).toBeVisible();

  harness.fake.enqueue({ text: 'Arr.', usage: { input: 20, output: 1 } });
  await send(page, 'Again');
  await expect.poll(() => harness.fake.requests.length, { timeout: 15_000 }).toBe(2);
  await waitForFinal(harness, 'completed');
  expect((harness.fake.requests.at(-1)?.body as Sent).messages).toEqual([
    { role: 'system', content: 'Answer like a pirate.' },
    { role: 'user', content: 'Hello' },
    { role: 'assistant', content: 'Bonjour.' },
    { role: 'user', content: 'Again' },
  ]);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(download.suggestedFilename()).toBe('hello.md');
  expect(await readFile(await download.path(), 'utf8')).toBe(
    [
      '# Hello',
      '',
      '2 requests · total $0.00011',
      '',
      '## System prompt',
      '',
      'Answer like a pirate.',
      '',
      '## You',
      '',
      'Hello',
      '',
      '## Assistant',
      '',
      'Bonjour.',
      '',
      '> gpt-4o on Fake OpenAI · 12 input + 2 output tokens · $0.00005',
      '',
      '## You',
      '',
      'Again',
      '',
      '## Assistant',
      '',
      'Arr.',
      '',
      '> gpt-4o on Fake OpenAI · 20 input + 1 output tokens · $0.00006',
      '',
    ].join('\n'),
  );
});
