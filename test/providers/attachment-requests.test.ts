import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { openAiResponsesAdapterFor } from '../../src/main/core/providers/openai-responses-adapter';
import type { ChatCallRequest, ChatMessage, ProviderKind, WireAttachment } from '../../src/main/core/providers/provider-types';
import { endpointFor, run } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const IMAGE: WireAttachment = { kind: 'image', name: 'shot.png', mime: 'image/png', base64: 'iVBORw0KGgoAAAANSUhEUg==' };
const PDF: WireAttachment = { kind: 'pdf', name: 'report.pdf', mime: 'application/pdf', base64: 'JVBERi0xLjcKJcfs' };
const TEXT_FILE: WireAttachment = { kind: 'text', name: 'notes "draft".md', text: '# Notes\nline 2' };
const IMAGE_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
const PDF_URL = 'data:application/pdf;base64,JVBERi0xLjcKJcfs';
const FILE_BLOCK = '<file name="notes _draft_.md">\n# Notes\nline 2\n</file>';

const EARLIER: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello!' },
];
const ASK: ChatMessage = { role: 'user', content: 'What is in these?', attachments: [IMAGE, PDF, TEXT_FILE] };
const request = (overrides: Partial<ChatCallRequest> = {}): ChatCallRequest => ({
  model: 'm-1',
  messages: [...EARLIER, ASK],
  stream: true,
  maxOutputTokens: 256,
  ...overrides,
});
const PLAIN_EARLIER = EARLIER.map(({ role, content }) => ({ role, content }));

/** The parts OpenAI documents for Chat Completions: text, image_url {url}, file {filename, file_data}. */
const OPENAI_PARTS = [
  { type: 'text', text: 'What is in these?' },
  { type: 'image_url', image_url: { url: IMAGE_URL } },
  { type: 'file', file: { filename: 'report.pdf', file_data: PDF_URL } },
  { type: 'text', text: FILE_BLOCK },
];

async function bodyFor(kind: ProviderKind, call: ChatCallRequest): Promise<unknown> {
  await run({ ...endpointFor(fake.baseUrl, 'openai'), kind }, call);
  return fake.requests[0]?.body;
}

describe('Chat Completions: files after the text, in each vendor\'s parts; messages without files stay strings', () => {
  it('OpenAI: image_url, file and a text part; web search is not a Chat Completions field (Responses does it)', async () => {
    expect(await bodyFor('openai', request({ webSearch: { maxSearches: 3 } }))).toEqual({
      model: 'm-1',
      messages: [...PLAIN_EARLIER, { role: 'user', content: OPENAI_PARTS }],
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 256,
    });
  });

  it.each<[ProviderKind, object]>([
    ['openai-compatible', { stream_options: { include_usage: true } }],
    // xAI's Live Search (search_parameters) answers 410 Gone: its search goes through the Responses API.
    ['xai', { stream_options: { include_usage: true } }],
  ])('%s: the same parts as OpenAI, and no search field', async (kind, streamOptions) => {
    expect(await bodyFor(kind, request({ webSearch: { maxSearches: 3 } }))).toEqual({
      model: 'm-1',
      messages: [...PLAIN_EARLIER, { role: 'user', content: OPENAI_PARTS }],
      stream: true,
      ...streamOptions,
      max_tokens: 256,
    });
  });

  it('Perplexity: OpenAI\'s image part, the PDF as file_url with the bare base64; it searches unasked', async () => {
    expect(await bodyFor('perplexity', request({ webSearch: { maxSearches: 3 } }))).toEqual({
      model: 'm-1',
      messages: [
        ...PLAIN_EARLIER,
        {
          role: 'user',
          content: [
            OPENAI_PARTS[0],
            OPENAI_PARTS[1],
            { type: 'file_url', file_url: { url: 'JVBERi0xLjcKJcfs' }, file_name: 'report.pdf' },
            OPENAI_PARTS[3],
          ],
        },
      ],
      stream: true,
      max_tokens: 256,
    });
  });

  it('OpenRouter: the same parts, the web plugin bounded by max_results, a cache breakpoint on the last part', async () => {
    const marked: ChatMessage = { ...ASK, cacheBreakpoint: true };
    expect(await bodyFor('openrouter', request({ messages: [...EARLIER, marked], webSearch: { maxSearches: 4 } }))).toEqual({
      model: 'm-1',
      messages: [
        ...PLAIN_EARLIER,
        {
          role: 'user',
          content: [...OPENAI_PARTS.slice(0, 3), { type: 'text', text: FILE_BLOCK, cache_control: { type: 'ephemeral' } }],
        },
      ],
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 256,
      plugins: [{ id: 'web', max_results: 4 }],
    });
  });

  it('Mistral: image_url as the data URL itself, the PDF as document_url', async () => {
    expect(await bodyFor('mistral', request())).toEqual({
      model: 'm-1',
      messages: [
        ...PLAIN_EARLIER,
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image_url', image_url: IMAGE_URL },
            { type: 'document_url', document_url: PDF_URL },
            { type: 'text', text: FILE_BLOCK },
          ],
        },
      ],
      stream: true,
      max_tokens: 256,
    });
  });

  it('a message sent for its files alone has no empty text part', async () => {
    const body = await bodyFor('openai', request({ messages: [{ role: 'user', content: '', attachments: [IMAGE] }] }));
    expect(body).toMatchObject({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: IMAGE_URL } }] }] });
  });
});

describe('Responses API: input_text, input_image and input_file parts; web search as each vendor takes it', () => {
  const INPUT = [
    { role: 'user', content: 'Hi' },
    { role: 'assistant', content: 'Hello!' },
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'What is in these?' },
        { type: 'input_image', image_url: IMAGE_URL },
        { type: 'input_file', filename: 'report.pdf', file_data: PDF_URL },
        { type: 'input_text', text: FILE_BLOCK },
      ],
    },
  ];
  const base = { model: 'm-1', instructions: 'Be brief.', input: INPUT, stream: true, store: false, max_output_tokens: 256 };

  it('OpenAI: the web_search tool with max_tool_calls as the bound', async () => {
    await run(endpointFor(fake.baseUrl, 'openai-responses'), request({ api: 'responses', webSearch: { maxSearches: 2 } }));
    expect(fake.requests[0]?.path).toBe('/v1/responses');
    expect(fake.requests[0]?.body).toEqual({ ...base, tools: [{ type: 'web_search' }], max_tool_calls: 2 });
  });

  it('OpenAI without web search: no tools at all', async () => {
    await run(endpointFor(fake.baseUrl, 'openai-responses'), request({ api: 'responses' }));
    expect(fake.requests[0]?.body).toEqual(base);
  });

  it('xAI: the web_search tool of its Agent Tools, with no bound it documents', () => {
    const wire = openAiResponsesAdapterFor('xai').chatRequest(
      { kind: 'xai', displayName: 'xAI', baseUrl: 'https://api.x.ai/v1', apiKey: 'xai-key' },
      request({ api: 'responses', webSearch: { maxSearches: 2 } }),
      false,
    );
    expect(wire.url).toBe('https://api.x.ai/v1/responses');
    expect(JSON.parse(wire.body ?? '')).toEqual({ ...base, tools: [{ type: 'web_search' }] });
  });

  it('OpenRouter: its web plugin on the Responses API too', () => {
    const wire = openAiResponsesAdapterFor('openrouter').chatRequest(
      { kind: 'openrouter', displayName: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1' },
      request({ api: 'responses', webSearch: { maxSearches: 5 } }),
      false,
    );
    expect(JSON.parse(wire.body ?? '')).toEqual({ ...base, plugins: [{ id: 'web', max_results: 5 }] });
  });
});
