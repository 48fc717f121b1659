import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readImageDimensions } from '../../src/main/core/attachments/image-dimensions';
import { estimateImageTokens } from '../../src/main/core/attachments/image-token-estimate';
import { addProviderInSettings, doctorDataDir, expect, ledgerRows, sendMessage, test } from './desktop-support';

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(90);
  return PNG.sync.write(image);
}

test('the desktop window attaches a file through the preload, the core in its own process downscales and stores it, and deleting the conversation deletes the file', async ({
  launch,
  home,
  fake,
}) => {
  const app = await launch();
  const page = await app.window();
  await addProviderInSettings(page, fake);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles([{ name: 'wide.png', mimeType: 'image/png', buffer: png(3000, 1000) }]);
  const expected = estimateImageTokens('openai', 'gpt-4o-mini', { width: 3000, height: 1000 });
  const chip = page.getByRole('list', { name: 'Files to send' }).getByRole('listitem').filter({ hasText: 'wide.png' });
  await expect(chip).toContainText(`~${expected.tokens.toLocaleString('en-US')} tokens`);
  await expect(chip).toContainText(`downscaled to ${expected.sentSize.width}×${expected.sentSize.height}`);

  fake.enqueue({ text: 'A dark band.', usage: { input: 800, output: 3 } });
  await sendMessage(page, 'What is this?');
  const database = join(doctorDataDir(home), 'tallychat.sqlite');
  await expect.poll(() => ledgerRows(database).map((row) => row.status)).toEqual(['completed']);
  const body = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: { content: { type: string; image_url?: { url: string } }[] }[] };
  const url = body.messages.at(-1)!.content.find((part) => part.type === 'image_url')!.image_url!.url;
  expect(readImageDimensions(Buffer.from(url.replace(/^data:image\/png;base64,/, ''), 'base64'))).toEqual({ format: 'png', ...expected.sentSize });
  await expect(page.getByRole('list', { name: 'Files sent' })).toContainText(`downscaled from 3000×1000`);

  const folder = join(doctorDataDir(home), 'attachments');
  const conversations = readdirSync(folder).filter((name) => name !== 'staged');
  expect(conversations).toHaveLength(1);
  expect(readdirSync(join(folder, conversations[0]!))).toHaveLength(1);

  await page.getByRole('button', { name: /^What is this\?/ }).hover();
  await page.getByRole('button', { name: 'Delete “What is this?”' }).click();
  await page.getByRole('dialog', { name: 'Delete this conversation?' }).getByRole('button', { name: 'Delete' }).click();
  await expect.poll(() => existsSync(join(folder, conversations[0]!))).toBe(false);
  expect(app.consoleErrors).toEqual([]);
});
