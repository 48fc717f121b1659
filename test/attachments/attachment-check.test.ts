import { describe, expect, it } from 'vitest';
import { checkAttachments, type AttachmentFacts } from '../../src/main/core/attachments/attachment-check';

const MB = 1024 * 1024;

const image = (name: string, mime: string, bytes = 100_000, width = 1000, height = 800): AttachmentFacts => ({
  name,
  kind: 'image',
  mime,
  bytes,
  size: { width, height },
});
const png = (name: string, bytes?: number, width?: number, height?: number) => image(name, 'image/png', bytes, width, height);
const pdf = (name: string, bytes: number, pages: number): AttachmentFacts => ({ name, kind: 'pdf', mime: 'application/pdf', bytes, pages });
const text = (name: string, bytes: number): AttachmentFacts => ({ name, kind: 'text', mime: 'text/plain', bytes });
const many = (n: number, make: (i: number) => AttachmentFacts) => Array.from({ length: n }, (_, i) => make(i));

describe('checkAttachments: Anthropic', () => {
  const check = (files: AttachmentFacts[], model = 'claude-sonnet-4-5') => checkAttachments('Anthropic', 'anthropic', model, files);

  it('takes the four image formats, PDFs and text within its limits', () => {
    expect(
      check([png('a.png'), image('b.jpg', 'image/jpeg'), image('c.gif', 'image/gif'), image('d.webp', 'image/webp'), pdf('e.pdf', 2 * MB, 30), text('f.md', 5000)]),
    ).toBeNull();
  });

  it('refuses a PDF over 32 MB, an image over 5 MB and one over 8000 px', () => {
    expect(check([pdf('scan.pdf', 40 * MB, 10)])).toBe('"scan.pdf" is 40.0 MB; Anthropic takes PDFs up to 32 MB.');
    expect(check([png('big.png', 5 * MB + 1)])).toBe('"big.png" is 5.0 MB; Anthropic takes images up to 5 MB.');
    expect(check([png('tall.png', 1000, 1000, 8001)])).toBe('"tall.png" is 1000×8001 pixels; Anthropic takes images up to 8000×8000.');
    expect(check([png('edge.png', 5 * MB, 8000, 8000)])).toBeNull();
  });

  it('refuses more than 100 images, and above 20 images any side over 2000 px', () => {
    expect(check(many(101, (i) => png(`p${i}.png`, 1000, 100, 100)))).toBe('Anthropic takes at most 100 images per request; this request has 101.');
    expect(check(many(100, (i) => png(`p${i}.png`, 1000, 100, 100)))).toBeNull();
    const twentyOne = [...many(20, (i) => png(`p${i}.png`, 1000, 100, 100)), png('wide.png', 1000, 2001, 900)];
    expect(check(twentyOne)).toBe(
      '"wide.png" is 2001×900 pixels; Anthropic takes images up to 2000×2000 when a request has more than 20, and this one has 21.',
    );
    expect(check(twentyOne.slice(1))).toBeNull();
  });

  it('refuses more than 100 PDF pages in a request, and a request over 32 MB once encoded', () => {
    expect(check([pdf('a.pdf', MB, 60), pdf('b.pdf', MB, 41)])).toBe('Anthropic takes at most 100 PDF pages per request; this request has 101.');
    // 25 MB of PDF is 33.3 MB as base64.
    expect(check([pdf('a.pdf', 25 * MB, 10)])).toBe('Anthropic takes at most 32 MB of files per request; this request has 33.3 MB once encoded.');
  });

  it('refuses images and PDFs for a text-only Claude', () => {
    expect(check([png('a.png')], 'claude-2.1')).toBe('claude-2.1 does not take images; choose a model that does.');
    expect(check([pdf('a.pdf', MB, 1)], 'claude-instant-1.2')).toBe('claude-instant-1.2 does not take PDFs; choose a model that does.');
    expect(check([text('notes.txt', 100)], 'claude-2.1')).toBeNull();
  });
});

describe('checkAttachments: OpenAI', () => {
  const check = (files: AttachmentFacts[], model = 'gpt-4o') => checkAttachments('OpenAI', 'openai', model, files);

  it('says which models take no images', () => {
    for (const model of ['o3-mini', 'o1-mini', 'gpt-3.5-turbo', 'gpt-4', 'gpt-4-0613', 'gpt-4-1106-preview', 'gpt-oss-120b']) {
      expect(check([png('a.png')], model)).toBe(`${model} does not take images; choose a model that does.`);
    }
    for (const model of ['gpt-4o', 'gpt-4-turbo', 'gpt-4.1-mini', 'gpt-5', 'o1', 'o3', 'o4-mini', 'gpt-4-vision-preview']) {
      expect(check([png('a.png')], model)).toBeNull();
    }
    expect(check([pdf('a.pdf', MB, 3)], 'o3-mini')).toBe('o3-mini does not take PDFs; choose a model that does.');
  });

  it('refuses more than 500 images, PDFs over 32 MB or 100 pages together, and 50 MB of files', () => {
    expect(check(many(501, (i) => png(`p${i}.png`, 1000)))).toBe('OpenAI takes at most 500 images per request; this request has 501.');
    expect(check([pdf('a.pdf', 33 * MB, 3)])).toBe('"a.pdf" is 33.0 MB; OpenAI takes PDFs up to 32 MB.');
    expect(check([pdf('a.pdf', 20 * MB, 3), pdf('b.pdf', 13 * MB, 3)])).toBe('OpenAI takes at most 32 MB of PDFs per request; this request has 33.0 MB.');
    expect(check([pdf('a.pdf', MB, 70), pdf('b.pdf', MB, 31)])).toBe('OpenAI takes at most 100 PDF pages per request; this request has 101.');
    expect(check(many(4, (i) => png(`p${i}.png`, 10 * MB)))).toBe('OpenAI takes at most 50 MB of files per request; this request has 53.3 MB once encoded.');
  });
});

describe('checkAttachments: Gemini', () => {
  const check = (files: AttachmentFacts[], model = 'gemini-2.5-flash') => checkAttachments('Gemini', 'gemini', model, files);

  it('refuses GIF, naming the formats it takes', () => {
    expect(check([image('anim.gif', 'image/gif')])).toBe('Gemini does not take GIF images ("anim.gif"); attach PNG, JPEG or WebP.');
    expect(check([png('a.png'), image('b.webp', 'image/webp'), image('c.jpg', 'image/jpeg')])).toBeNull();
  });

  it('refuses more than 20 MB of inline files (base64 counted) and PDFs over 1,000 pages', () => {
    expect(check([pdf('a.pdf', 12 * MB, 10), text('b.csv', 5 * MB)])).toBe('Gemini takes at most 20 MB of files per request; this request has 21.0 MB once encoded.');
    expect(check([pdf('book.pdf', 5 * MB, 1200)])).toBe('"book.pdf" has 1,200 pages; Gemini takes PDFs of up to 1,000 pages.');
    expect(check([pdf('book.pdf', 5 * MB, 1000)])).toBeNull();
  });
});

describe('checkAttachments: xAI, Mistral, Perplexity, Ollama, compatible servers', () => {
  it('xAI: JPEG and PNG up to 20 MiB, no PDFs, no images for Grok 3', () => {
    const check = (files: AttachmentFacts[], model = 'grok-4') => checkAttachments('xAI', 'xai', model, files);
    expect(check([image('a.webp', 'image/webp')])).toBe('xAI does not take WebP images ("a.webp"); attach JPEG or PNG.');
    expect(check([png('a.png', 21 * MB)])).toBe('"a.png" is 21.0 MB; xAI takes images up to 20 MB.');
    expect(check([pdf('a.pdf', MB, 2)])).toBe(
      'xAI does not take PDFs ("a.pdf"); choose an Anthropic, Gemini, OpenAI or OpenRouter model, or attach the document\'s text as a text file.',
    );
    expect(check([png('a.png')], 'grok-3-mini')).toBe('grok-3-mini does not take images; choose a model that does.');
    expect(check([png('a.png')], 'grok-2-vision-1212')).toBeNull();
  });

  it('Mistral: images for vision models, not for Codestral; no PDFs in chat', () => {
    const check = (files: AttachmentFacts[], model: string) => checkAttachments('Mistral', 'mistral', model, files);
    expect(check([png('a.png')], 'mistral-small-latest')).toBeNull();
    expect(check([png('a.png')], 'pixtral-large-latest')).toBeNull();
    expect(check([png('a.png')], 'codestral-latest')).toBe('codestral-latest does not take images; choose a model that does.');
    expect(check([png('a.png')], 'mistral-large-2411')).toBe('mistral-large-2411 does not take images; choose a model that does.');
    expect(check([pdf('a.pdf', MB, 1)], 'mistral-medium-latest')).toMatch(/^Mistral does not take PDFs \("a\.pdf"\)/);
  });

  it('Perplexity: images up to 50 MB', () => {
    expect(checkAttachments('Perplexity', 'perplexity', 'sonar-pro', [png('a.png', 51 * MB)])).toBe('"a.png" is 51.0 MB; Perplexity takes images up to 50 MB.');
    expect(checkAttachments('Perplexity', 'perplexity', 'sonar-pro', [image('a.gif', 'image/gif')])).toBeNull();
  });

  it('Ollama and compatible servers: unknown models and sizes are left to the server; known text-only families are refused', () => {
    expect(checkAttachments('My Ollama', 'ollama', 'llava:13b', [png('a.png', 40 * MB, 9000, 9000)])).toBeNull();
    expect(checkAttachments('My Ollama', 'ollama', 'deepseek-r1:8b', [png('a.png')])).toBe('deepseek-r1:8b does not take images; choose a model that does.');
    expect(checkAttachments('DeepSeek', 'openai-compatible', 'deepseek-chat', [png('a.png')])).toBe('deepseek-chat does not take images; choose a model that does.');
    expect(checkAttachments('My vLLM', 'openai-compatible', 'Qwen/Qwen2.5-VL-7B-Instruct', [png('a.png')])).toBeNull();
    expect(checkAttachments('My vLLM', 'openai-compatible', 'Qwen/Qwen2.5-VL-7B-Instruct', [pdf('a.pdf', MB, 1)])).toMatch(/^My vLLM does not take PDFs/);
  });
});

describe('checkAttachments: OpenRouter', () => {
  const check = (model: string, files: AttachmentFacts[]) => checkAttachments('OpenRouter', 'openrouter', model, files);

  it("applies the model maker's limits and says whose they are", () => {
    expect(check('google/gemini-2.5-pro', [image('anim.gif', 'image/gif')])).toBe(
      'OpenRouter (for Google models) does not take GIF images ("anim.gif"); attach PNG, JPEG or WebP.',
    );
    expect(check('anthropic/claude-opus-4.1', [png('big.png', 6 * MB)])).toBe('"big.png" is 6.0 MB; OpenRouter (for Anthropic models) takes images up to 5 MB.');
    expect(check('openai/o3-mini', [png('a.png')])).toBe('openai/o3-mini does not take images; choose a model that does.');
  });

  it('takes PDFs for every model, text-only ones included (it reads them to text)', () => {
    expect(check('x-ai/grok-4', [pdf('a.pdf', MB, 5)])).toBeNull();
    expect(check('deepseek/deepseek-chat', [pdf('a.pdf', MB, 5)])).toBeNull();
    expect(check('anthropic/claude-sonnet-4', [pdf('a.pdf', 40 * MB, 5)])).toBe('"a.pdf" is 40.0 MB; OpenRouter (for Anthropic models) takes PDFs up to 32 MB.');
  });
});
