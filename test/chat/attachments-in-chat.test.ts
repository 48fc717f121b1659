import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, ResponseOf } from '../../src/shared/contract';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import { readImageDimensions } from '../../src/main/core/attachments/image-dimensions';
import { estimateImageTokens } from '../../src/main/core/attachments/image-token-estimate';
import { gifBytes, jpegBytes, pdfBytes, pngBytes } from '../attachments/attachment-fixtures';
import { testCard, webpOf } from '../attachments/image-fixtures';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

const count = (table: string) => (t.core.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a file the model cannot take is refused before Send: the message names the limit; nothing is sent, written or charged', () => {
  it.each<[string, ProviderKind, string, string, Uint8Array, string]>([
    ['a PDF over Anthropic’s 100 pages', 'anthropic', 'claude-sonnet-4-5', 'report.pdf', pdfBytes(101), 'Fake anthropic takes at most 100 PDF pages per request; this request has 101.'],
    ['an image on a text-only model', 'openai', 'o3-mini', 'shot.png', pngBytes(8, 8), 'o3-mini does not take images; choose a model that does.'],
    [
      'a PDF on Ollama',
      'ollama',
      'llava',
      'scan.pdf',
      pdfBytes(1),
      'Fake ollama does not take PDFs ("scan.pdf"); choose an Anthropic, Gemini, OpenAI or OpenRouter model, or attach the document\'s text as a text file.',
    ],
  ])('%s', async (_case, kind, model, name, bytes, message) => {
    const provider = await t.addProvider(kind);
    const staged = t.core.staging.stage(name, Buffer.from(bytes));
    const input = { providerId: provider, model, text: 'Read this.', attachmentIds: [staged.id] };

    const { estimate } = await t.core.chat.estimate(input);
    expect(estimate.blocked).toBe(message);
    expect(estimate.attachments).toEqual([expect.objectContaining({ id: staged.id, refusal: message })]);

    await expect(t.core.chat.send(input)).rejects.toThrow(message);
    expect(t.fake.requests).toHaveLength(0);
    expect([count('requests'), count('messages'), count('conversations'), count('attachments')]).toEqual([0, 0, 0, 0]);
    // Still staged: the user can pick a model that takes it and send again.
    expect(t.core.staging.get(staged.id).view.name).toBe(name);
  });

  it('a model switched mid-conversation must take the files earlier turns carry, as they are sent again', async () => {
    const provider = await t.addProvider('openai');
    const staged = t.core.staging.stage('shot.png', Buffer.from(pngBytes(8, 8)));
    t.fake.enqueue({ text: 'A grey square.', usage: { input: 100, output: 4 } });
    const first = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'What is this?', attachmentIds: [staged.id] });
    await first.done;
    const next = { providerId: provider, model: 'o3-mini', text: 'And now?', conversationId: first.conversationId };
    expect((await t.core.chat.estimate(next)).estimate.blocked).toBe('o3-mini does not take images; choose a model that does.');
    await expect(t.core.chat.send(next)).rejects.toThrow('o3-mini does not take images');
    expect(t.fake.requests).toHaveLength(1);
  });
});

describe('an image in a format the vendor does not take is sent as PNG, and the chip says so', () => {
  it.each<[string, ProviderKind, string, string, () => Promise<Uint8Array>]>([
    ['a GIF for Gemini', 'gemini', 'gemini-2.5-flash', 'anim.gif', async () => gifBytes(6, 4)],
    ['a WebP for xAI', 'xai', 'grok-4', 'photo.webp', () => webpOf(testCard(6, 4))],
  ])('%s', async (_case, kind, model, name, make) => {
    const bytes = await make();
    const provider = await t.addProvider(kind);
    const staged = t.core.staging.stage(name, Buffer.from(bytes));
    const input = { providerId: provider, model, text: 'What is this?', attachmentIds: [staged.id] };
    const { estimate } = await t.core.chat.estimate(input);
    expect(estimate.blocked).toBeNull();
    expect(estimate.attachments).toEqual([expect.objectContaining({ id: staged.id, sentAs: 'image/png', downscaledTo: null, refusal: null })]);
    t.fake.enqueue({ text: 'A small picture.', usage: { input: 300, output: 4 } });
    const started = await t.core.chat.send(input);
    expect((await started.done).status).toBe('completed');
    const sent = JSON.stringify(t.fake.requests.at(-1)!.body);
    const base64 = /"(?:data|url)":"(?:data:image\/png;base64,)?([A-Za-z0-9+/=]{20,})"/.exec(sent)?.[1];
    expect(readImageDimensions(Buffer.from(base64!, 'base64'))).toEqual({ format: 'png', width: 6, height: 4 });
    const thread = (await t.core.dispatch('conversationGet', { id: started.conversationId })) as IpcResult<ResponseOf<'conversationGet'>>;
    if (!thread.ok) throw new Error(thread.error.message);
    expect(thread.value.messages[0]!.attachments.map((a) => `${a.name} ${a.mime}`)).toEqual([`${name} image/png`]);
  });
});

it('an image whose header reads but whose pixels do not decode is refused on its chip, naming the file', async () => {
  const provider = await t.addProvider('xai');
  // A real WebP whose header (and so its size) reads, its image data overwritten.
  const broken = Buffer.from(await webpOf(testCard(6, 4)));
  broken.fill(0xff, 30);
  const staged = t.core.staging.stage('broken.webp', broken);
  const input = { providerId: provider, model: 'grok-4', text: 'What is this?', attachmentIds: [staged.id] };
  const { estimate } = await t.core.chat.estimate(input);
  expect(estimate.blocked).toBe('"broken.webp": This WebP image could not be decoded (Decoding error). Save or export it again.');
  await expect(t.core.chat.send(input)).rejects.toThrow(estimate.blocked!);
  expect(t.fake.requests).toHaveLength(0);
});

describe('Retry, Regenerate and an edit send the replaced message’s files again', () => {
  it('regenerating an answer to a message with an image sends the image again, kept once on disk', async () => {
    const provider = await t.addProvider('anthropic');
    const staged = t.core.staging.stage('shot.png', Buffer.from(pngBytes(3000, 1000)));
    t.fake.enqueue({ text: 'A grey band.', usage: { input: 900, output: 4 } });
    const first = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'What is this?', attachmentIds: [staged.id] });
    await first.done;
    t.fake.enqueue({ text: 'A wide grey band.', usage: { input: 900, output: 5 } });
    const again = await t.core.chat.send({
      providerId: provider,
      model: 'claude-sonnet-4-5',
      text: 'What is this?',
      conversationId: first.conversationId,
      replaceFromMessageId: first.userMessageId,
    });
    expect(again.estimate.inputTokens).toBe(first.estimate.inputTokens);
    await again.done;

    type Body = { messages: { content: { type: string; source?: { data: string } }[] }[] };
    const [before, after] = t.fake.requests.map((request) => (request.body as Body).messages.at(-1)!.content.find((block) => block.type === 'image')!.source!.data);
    expect(after).toBe(before);
    const thread = (await t.core.dispatch('conversationGet', { id: first.conversationId })) as IpcResult<ResponseOf<'conversationGet'>>;
    if (!thread.ok) throw new Error(thread.error.message);
    expect(thread.value.messages.map((m) => m.attachments.map((a) => `${a.name} ${a.size?.width}×${a.size?.height} from ${a.original?.size.width}×${a.original?.size.height}`))).toEqual([
      ['shot.png 1568×522 from 3000×1000'],
      [],
    ]);
    expect(count('attachments')).toBe(1);
  });
});

it('a photo (JPEG) is downscaled from the staged file and sent as a JPEG', async () => {
  const provider = await t.addProvider('anthropic');
  const staged = t.core.staging.stage('photo.jpg', Buffer.from(jpegBytes(3000, 2000)));
  t.fake.enqueue({ text: 'A grey photo.', usage: { input: 1600, output: 4 } });
  const started = await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'What is this?', attachmentIds: [staged.id] });
  expect(started.estimate.attachments).toEqual([expect.objectContaining({ downscaledTo: { width: 1341, height: 894 }, sentAs: null, refusal: null })]);
  await started.done;
  type Body = { messages: { content: { type: string; source?: { media_type: string; data: string } }[] }[] };
  const image = (t.fake.requests.at(-1)!.body as Body).messages.at(-1)!.content.find((block) => block.type === 'image')!.source!;
  expect(image.media_type).toBe('image/jpeg');
  expect(readImageDimensions(Buffer.from(image.data, 'base64'))).toEqual({ format: 'jpeg', width: 1341, height: 894 });
});

describe("earlier turns' files are fitted to the model the conversation moves to", () => {
  it('a GIF sent to OpenAI goes to Gemini as PNG', async () => {
    const openai = await t.addProvider('openai');
    const gif = t.core.staging.stage('anim.gif', Buffer.from(gifBytes(6, 4)));
    t.fake.enqueue({ text: 'Stripes.', usage: { input: 300, output: 1 } });
    const first = await t.core.chat.send({ providerId: openai, model: 'gpt-4o', text: 'What is this?', attachmentIds: [gif.id] });
    await first.done;
    const gemini = await t.addProvider('gemini');
    const next = { providerId: gemini, model: 'gemini-2.5-flash', text: 'And now?', conversationId: first.conversationId };
    expect((await t.core.chat.estimate(next)).estimate.blocked).toBeNull();
    t.fake.enqueue({ text: 'Still stripes.', usage: { input: 300, output: 2 } });
    await (await t.core.chat.send(next)).done;
    type GeminiBody = { contents: { parts: { inlineData?: { mimeType: string; data: string } }[] }[] };
    const [image] = (t.fake.requests.at(-1)!.body as GeminiBody).contents[0]!.parts.flatMap((part) => (part.inlineData ? [part.inlineData] : []));
    expect(image!.mimeType).toBe('image/png');
    expect(readImageDimensions(Buffer.from(image!.data, 'base64'))).toEqual({ format: 'png', width: 6, height: 4 });
  });

  it("a photo kept at Gemini's size goes to Claude downscaled to Claude's", async () => {
    const gemini = await t.addProvider('gemini');
    const photo = t.core.staging.stage('photo.jpg', Buffer.from(jpegBytes(3000, 2000)));
    t.fake.enqueue({ text: 'A grey photo.', usage: { input: 300, output: 3 } });
    const first = await t.core.chat.send({ providerId: gemini, model: 'gemini-2.5-flash', text: 'What is this?', attachmentIds: [photo.id] });
    await first.done;
    const anthropic = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'Yes.', usage: { input: 900, output: 1 } });
    await (await t.core.chat.send({ providerId: anthropic, model: 'claude-sonnet-4-5', text: 'Sure?', conversationId: first.conversationId })).done;
    type AnthropicBody = { messages: { content: { type: string; source?: { media_type: string; data: string } }[] }[] };
    const [image] = (t.fake.requests.at(-1)!.body as AnthropicBody).messages[0]!.content.flatMap((block) => (block.source ? [block.source] : []));
    expect(image!.media_type).toBe('image/jpeg');
    const claude = estimateImageTokens('anthropic', 'claude-sonnet-4-5', { width: 3000, height: 2000 }).sentSize;
    expect(readImageDimensions(Buffer.from(image!.data, 'base64'))).toEqual({ format: 'jpeg', ...claude });
  });
});
