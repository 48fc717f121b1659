import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
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
  model: string;
  rule: ImageRuleVendor;
  read: (body: Body) => Sent;
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
  for (const vendor of VENDORS) await harness.addFakeProvider(vendor.kind, { name: `Fake ${vendor.kind}`, models: [vendor.model] });
});

test.afterAll(async () => {
  await harness.close();
});

for (const vendor of VENDORS) {
  test(`${vendor.kind}: an image and a text file are estimated in the composer, and the image reaches the body downscaled, beside the system prompt`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(harness.server.url);
    await page.getByRole('combobox', { name: 'Model' }).selectOption(JSON.stringify([vendor.kind, vendor.model]));

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

    harness.fake.enqueue({ text: 'A grey rectangle.', usage: { input: 1200, output: 4 } });
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
