import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from '../harness/start-harness';
import { openChat, screenshot, send, waitForFinal } from './chat-support';

let harness: Harness;

test.beforeAll(async () => {
  harness = await startHarness();
  await harness.addFakeProvider('openai', { name: 'Fake OpenAI', models: ['gpt-4o-mini'] });
});

test.afterAll(async () => {
  await harness.close();
});

test.beforeEach(() => harness.fake.reset());

const CODE = 'function total(costs: number[]): number {\n  return costs.reduce((sum, c) => sum + c, 0);\n}';
const ANSWER = [
  '## Costs by model',
  '',
  '| Model | Input | Output |',
  '| --- | ---: | ---: |',
  '| gpt-4o | $2.50 | $10.00 |',
  '| gpt-4o-mini | $0.15 | $0.60 |',
  '',
  'Sum them like this:',
  '',
  '```ts',
  CODE,
  '```',
  '',
  'See [the docs](https://example.com/docs) and [this](javascript:alert(1)).',
  '',
  '<img src=x onerror="window.__pwned=1">',
  '',
  'Inline <script>window.__pwned=2</script> and ![tracker](https://example.com/pixel.png) too.',
].join('\n');

test('Markdown renders tables and highlighted code with Copy; HTML in the answer stays text', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  harness.fake.enqueue({ text: ANSWER, deltaChars: 7, delayMs: 5, flavor: 'deepseek', reasoning: 'First, the table. Then the code.' });
  await openChat(page, harness);
  await send(page, 'Show me markdown');
  await waitForFinal(harness, 'completed');

  const answer = page.getByRole('article', { name: 'Assistant message' });
  await expect(answer.getByRole('heading', { name: 'Costs by model' })).toBeVisible();
  const table = answer.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Model', 'Input', 'Output']);
  await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText(['gpt-4o-mini', '$0.15', '$0.60']);

  const code = answer.locator('.code-block code');
  await expect(code).toHaveText(CODE);
  await expect(code).toHaveClass(/hljs language-ts/);
  await expect(code.locator('.hljs-keyword').first()).toHaveText('function');
  await expect(answer.locator('.code-block-lang')).toHaveText('ts');
  await answer.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(answer.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${CODE}\n`);

  const docs = answer.getByRole('link', { name: 'the docs' });
  await expect(docs).toHaveAttribute('href', 'https://example.com/docs');
  await expect(docs).toHaveAttribute('target', '_blank');
  await expect(docs).toHaveAttribute('rel', 'noreferrer');
  await expect(answer.getByRole('link', { name: 'this', exact: true })).toHaveAttribute('href', '');
  // An image becomes a link the user may follow; the app itself fetches nothing.
  await expect(answer.getByRole('link', { name: 'Image: tracker' })).toHaveAttribute('href', 'https://example.com/pixel.png');

  await expect(answer.locator('.markdown')).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(answer.getByText('Inline <script>window.__pwned=2</script> and')).toBeVisible();
  await expect(page.locator('article img, article script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  const reasoning = answer.locator('details.reasoning');
  await expect(reasoning).not.toHaveAttribute('open');
  await reasoning.getByText('Reasoning').click();
  await expect(reasoning).toContainText('First, the table. Then the code.');
  await screenshot(page, 'markdown');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'markdown-dark');
});
