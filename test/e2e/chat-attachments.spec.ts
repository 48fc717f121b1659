import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { gifBytes } from '../attachments/attachment-fixtures';
import { readImageDimensions } from '../../src/main/core/attachments/image-dimensions';
import { estimateImageTokens, type ImageRuleVendor } from '../../src/main/core/attachments/image-token-estimate';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import { startHarness, type Harness } from '../harness/start-harness';
import { waitForFinal } from './chat-support';

let harness: Harness;

const SYSTEM = 'Describe images tersely.';
const NOTES = '# Notes\n\nThe square is grey.\n';
const NOTES_BLOCK = `<file name="notes.md">\n${NOTES}\n</file>`;
const ORIGINAL = { width: 4000, height: 2000 };

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(180);
  return PNG.sync.write(image);
}

type Body = Record<string, unknown>;
type Sent = { image: string; mime: string; texts: string[]; system: unknown };

/** Where each vendor's request body carries the last user turn's image, its text parts and the system prompt. */
const VENDORS: {
  kind: ProviderKind;
  /** The provider's id, when two of one kind are set up. */
  id?: string;
  model: string;
  rule: ImageRuleVendor;
  read: (body: Body) => Sent;
  /** Turn web search on first: OpenAI's search tool lives in the Responses API, so the request goes there. */
  webSearch?: boolean;
}[] = [
  {
    kind: 'openai',
    model: 'gpt-4o',
    rule: 'openai',
    read: (body) => {
      const messages = body.messages as { role: string; content: unknown }[];
      const parts = messages.at(-1)!.content as { type: string; text?: string; image_url?: { url: string } }[];
      const url = parts.find((p) => p.type === 'image_url')!.image_url!.url;
      return { ...dataUrl(url), texts: parts.flatMap((p) => (p.type === 'text' ? [p.text!] : [])), system: messages[0] };
    },
  },
  {
    kind: 'openai',
    id: 'openai-search',
    model: 'gpt-4o',
    rule: 'openai',
    webSearch: true,
    read: (body) => {
      const input = body.input as { role: string; content: { type: string; text?: string; image_url?: string }[] }[];
      const parts = input.at(-1)!.content;
      return {
        ...dataUrl(parts.find((p) => p.type === 'input_image')!.image_url!),
        texts: parts.flatMap((p) => (p.type === 'input_text' ? [p.text!] : [])),
        system: body.instructions,
      };
    },
  },
  {
    kind: 'anthropic',
    model: 'claude-sonnet-4-5',
    rule: 'anthropic',
    read: (body) => {
      const messages = body.messages as { content: { type: string; text?: string; source?: { media_type: string; data: string } }[] }[];
      const blocks = messages.at(-1)!.content;
      const image = blocks.find((b) => b.type === 'image')!.source!;
      return { image: image.data, mime: image.media_type, texts: blocks.flatMap((b) => (b.type === 'text' ? [b.text!] : [])), system: body.system };
    },
  },
  {
    kind: 'gemini',
    model: 'gemini-2.5-flash',
    rule: 'gemini',
    read: (body) => {
      const contents = body.contents as { parts: Record<string, unknown>[] }[];
      const parts = contents.at(-1)!.parts;
      const inline = parts.find((p) => 'inline_data' in p || 'inlineData' in p)!;
      const data = (inline.inline_data ?? inline.inlineData) as Record<string, string>;
      return {
        image: data.data!,
        mime: data.mime_type ?? data.mimeType!,
        texts: parts.flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])),
        system: body.systemInstruction,
      };
    },
  },
  {
    kind: 'ollama',
    model: 'llava',
    rule: 'openai',
    read: (body) => {
      const messages = body.messages as { role: string; content: string; images?: string[] }[];
      const last = messages.at(-1)!;
      return { image: last.images![0]!, mime: 'image/png', texts: [last.content], system: messages[0] };
    },
  },
  {
    kind: 'openai-compatible',
    model: 'qwen2.5-vl',
    rule: 'openai',
    read: (body) => VENDORS[0]!.read(body),
  },
];

function dataUrl(url: string): { image: string; mime: string } {
  const match = /^data:([^;]+);base64,(.*)$/.exec(url);
  if (!match) throw new Error(`not a data URL: ${url.slice(0, 40)}`);
  return { mime: match[1]!, image: match[2]! };
}

test.beforeAll(async () => {
  harness = await startHarness();
  harness.core.settings.set('defaultSystemPrompt', SYSTEM);
  for (const vendor of VENDORS) {
    const id = vendor.id ?? vendor.kind;
    // OpenAI's also offers o3-mini, which takes no images.
    await harness.addFakeProvider(vendor.kind, { id, name: `Fake ${id}`, models: id === 'openai' ? [vendor.model, 'o3-mini'] : [vendor.model] });
  }
});

test.afterAll(async () => {
  await harness.close();
});

for (const vendor of VENDORS) {
  test(`${vendor.id ?? vendor.kind}: an image and a text file are estimated in the composer, and the image reaches the body downscaled, beside the system prompt`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(harness.server.url);
    await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify([vendor.id ?? vendor.kind, vendor.model]));
    if (vendor.webSearch) await page.getByRole('button', { name: 'Web search' }).click();

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach files' }).click();
    await (await chooser).setFiles([
      { name: 'big.png', mimeType: 'image/png', buffer: png(ORIGINAL.width, ORIGINAL.height) },
      { name: 'notes.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTES) },
    ]);

    const expected = estimateImageTokens(vendor.rule, vendor.model, ORIGINAL);
    expect(expected.downscaled).toBe(true);
    const chips = page.getByRole('list', { name: 'Files to send' });
    const imageChip = chips.getByRole('listitem').filter({ hasText: 'big.png' });
    await expect(imageChip).toContainText(`~${expected.tokens.toLocaleString('en-US')} tokens`);
    await expect(imageChip).toContainText(`downscaled to ${expected.sentSize.width}×${expected.sentSize.height}`);
    await expect(chips.getByRole('listitem').filter({ hasText: 'notes.md' })).toContainText(/~\d+ tokens/);

    harness.fake.enqueue({ text: 'A grey rectangle.', usage: { input: 1200, output: 4 }, ...(vendor.webSearch ? { protocol: 'openai-responses' as const } : {}) });
    const before = harness.fake.requests.length;
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('What is in these files?');
    await box.press('Enter');
    await expect.poll(() => harness.fake.requests.length, { timeout: 15_000 }).toBe(before + 1);
    await waitForFinal(harness, 'completed');

    const sent = vendor.read(harness.fake.requests.at(-1)!.body as Body);
    expect(readImageDimensions(Buffer.from(sent.image, 'base64'))).toEqual({ format: 'png', ...expected.sentSize });
    expect(sent.mime).toBe('image/png');
    expect(sent.texts.join("\n\n")).toContain(NOTES_BLOCK);
    expect(JSON.stringify(sent.system)).toContain(SYSTEM);
    await expect(chips).toHaveCount(0);
    const shown = page.getByRole('list', { name: 'Files sent' }).last();
    await expect(shown).toContainText('big.png');
    await expect(shown).toContainText('notes.md');
  });
}

test('web search on Anthropic: the answer lists its sources with their links, and its chip names the searches and their fee', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(harness.server.url);
  await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify(['anthropic', 'claude-sonnet-4-5']));
  const toggle = page.getByRole('button', { name: 'Web search' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('When is high tide?');
  // Pre-flight prices the most searches the request allows: 5 at Anthropic's $10 per 1,000.
  await expect(page.getByText(/web search: up to 5 searches \$0\.05/)).toBeVisible();

  const sources = [
    { url: 'https://example.org/tides', title: 'Tide tables' },
    { url: 'https://example.com/moon', title: 'The Moon and the sea' },
  ];
  harness.fake.enqueue({ text: 'High tide is at 6:12 [1].', usage: { input: 900, output: 9, searches: 2 }, citations: sources });
  await box.press('Enter');
  const row = await waitForFinal(harness, 'completed');
  expect(row.webSearchCalls).toBe(2);
  expect(row.webSearchFeeUsdNanos).toBe(20_000_000);

  const answer = page.getByRole('article', { name: 'Assistant message' }).last();
  const links = answer.getByRole('region', { name: 'Sources' }).getByRole('link');
  await expect(links).toHaveCount(2);
  for (const [i, source] of sources.entries()) await expect(links.nth(i)).toHaveAttribute('href', source.url);
  const chip = answer.getByRole('group', { name: 'Request details' });
  await expect(chip.getByTitle(/^Web searches the provider ran/)).toHaveText('2 web searches $0.02');

  // Remembered for the conversation: after a reload the toggle is still on.
  await page.reload();
  await page.getByRole('button', { name: /High tide|When is high tide/ }).first().click();
  await expect(page.getByRole('button', { name: 'Web search' })).toHaveAttribute('aria-pressed', 'true');
});

test('a GIF, which Gemini does not take, is sent as PNG and its chip says so', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(harness.server.url);
  await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify(['gemini', 'gemini-2.5-flash']));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles([{ name: 'anim.gif', mimeType: 'image/gif', buffer: Buffer.from(gifBytes(6, 4)) }]);
  const chip = page.getByRole('list', { name: 'Files to send' }).getByRole('listitem').filter({ hasText: 'anim.gif' });
  await expect(chip).toContainText('sent as PNG');
  harness.fake.enqueue({ text: 'Stripes.', usage: { input: 300, output: 2 } });
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('What is this?');
  await box.press('Enter');
  await waitForFinal(harness, 'completed');
  const sent = VENDORS.find((vendor) => vendor.kind === 'gemini')!.read(harness.fake.requests.at(-1)!.body as Body);
  expect(sent.mime).toBe('image/png');
  expect(readImageDimensions(Buffer.from(sent.image, 'base64'))).toEqual({ format: 'png', width: 6, height: 4 });
});

test('a file the chosen model cannot take is refused on its chip, and Send sends nothing', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(harness.server.url);
  await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify(['openai', 'o3-mini']));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles([{ name: 'shot.png', mimeType: 'image/png', buffer: png(40, 30) }]);
  const chip = page.getByRole('list', { name: 'Files to send' }).getByRole('listitem').filter({ hasText: 'shot.png' });
  await expect(chip).toContainText('o3-mini does not take images; choose a model that does.');
  const before = harness.fake.requests.length;
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('What is this?');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await box.press('Enter');
  await page.waitForTimeout(300);
  expect(harness.fake.requests.length).toBe(before);
});
