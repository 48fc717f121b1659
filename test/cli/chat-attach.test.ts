import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageDimensions } from '../../src/main/core/attachments/image-dimensions';
import { pdfBytes, pngBytes } from '../attachments/attachment-fixtures';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { useTempDir } from '../helpers/temp-dir';
import { tallychat } from './run-tallychat';

const tempDir = useTempDir();

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
});


type AnthropicBody = {
  system: string;
  tools?: unknown[];
  messages: { content: { type: string; text?: string; source?: { media_type: string; data: string } }[] }[];
};

describe('tallychat chat --attach, --system and --web-search', () => {
  it('sends the files in the vendor format, downscaled, with the system prompt and the search tool; prints their pre-flight', async () => {
    const files = tempDir();
    writeFileSync(join(files, 'wide.png'), pngBytes(4000, 1000));
    writeFileSync(join(files, 'notes.md'), '# Notes\n');
    fake.enqueue({
      text: 'A wide grey band [1].',
      usage: { input: 2100, output: 8, searches: 1 },
      citations: [{ url: 'https://example.org/bands', title: 'Bands' }],
    });
    const run = await tallychat(
      [
        'chat',
        '--data-dir',
        tempDir(),
        '--provider',
        'anthropic',
        '--base-url',
        fake.baseUrl,
        '--model',
        'claude-sonnet-4-5',
        '--system',
        'Be terse.',
        '--attach',
        join(files, 'wide.png'),
        '--attach',
        join(files, 'notes.md'),
        '--web-search',
        'What is this?',
      ],
      { ANTHROPIC_API_KEY: 'sk-ant-cli' },
    );
    expect(run.stderr).toContain('attached: wide.png (16.5 KB, 4000×1000): ~820 tokens (estimate), downscaled to 1568×392\n');
    expect(run.stderr).toMatch(/attached: notes\.md \(8 bytes\): ~\d+ tokens \(estimate\)\n/);
    expect(run.stderr).toContain('web search: up to 5 searches, $0.05\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('A wide grey band [1].');

    const body = fake.requests.at(-1)!.body as AnthropicBody;
    expect(body.system).toBe('Be terse.');
    expect(body.tools).toEqual([{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }]);
    const blocks = body.messages.at(-1)!.content;
    expect(blocks.map((b) => b.type)).toEqual(['image', 'text', 'text']);
    expect(blocks[0]!.source!.media_type).toBe('image/png');
    expect(readImageDimensions(Buffer.from(blocks[0]!.source!.data, 'base64'))).toEqual({ format: 'png', width: 1568, height: 392 });
    expect(blocks[1]!.text).toBe('<file name="notes.md">\n# Notes\n\n</file>');
    expect(blocks[2]!.text).toBe('What is this?');
  });

  it('refuses a file the model cannot take before sending, naming the limit', async () => {
    const files = tempDir();
    writeFileSync(join(files, 'scan.pdf'), pdfBytes(2));
    const before = fake.requests.length;
    const run = await tallychat(['chat', '--data-dir', tempDir(), '--provider', 'ollama', '--base-url', fake.baseUrl, '--model', 'llava', '--attach', join(files, 'scan.pdf'), 'Hi'], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'tallychat chat: Ollama does not take PDFs ("scan.pdf"); choose an Anthropic, Gemini, OpenAI or OpenRouter model, or attach the document\'s text as a text file.\n',
    );
    expect(fake.requests.length).toBe(before);
  });

  it('names a file it cannot read or attach as a usage error', async () => {
    const files = tempDir();
    writeFileSync(join(files, 'report.docx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]));
    const missing = await tallychat(['chat', '--data-dir', tempDir(), '--model', 'gpt-4o', '--attach', join(files, 'nope.png'), 'Hi'], { OPENAI_API_KEY: 'k' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--attach ${join(files, 'nope.png')}: no such file`);
    const docx = await tallychat(['chat', '--data-dir', tempDir(), '--model', 'gpt-4o', '--attach', join(files, 'report.docx'), 'Hi'], { OPENAI_API_KEY: 'k' });
    expect(docx.code).toBe(2);
    expect(docx.stderr).toContain('"report.docx" is not a file Tallychat can attach: it takes images (PNG, JPEG, WebP, GIF), PDFs and text files.');
  });
});
