import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { anthropicMessagesAdapter } from '../../src/main/core/providers/anthropic-messages-adapter';
import { geminiAdapter } from '../../src/main/core/providers/gemini-adapter';
import { ollamaChatAdapter } from '../../src/main/core/providers/ollama-chat-adapter';
import type { ProtocolAdapter } from '../../src/main/core/providers/adapter-types';
import type { ChatCallRequest, ChatMessage, WireAttachment } from '../../src/main/core/providers/provider-types';
import { endpointFor, errorOf, run } from './helpers';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PDF = 'JVBERi0xLjcKJeLjz9MKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK';
const IMAGE: WireAttachment = { kind: 'image', name: 'shot.png', mime: 'image/png', base64: PNG };
const DOCUMENT: WireAttachment = { kind: 'pdf', name: 'scan.pdf', mime: 'application/pdf', base64: PDF };
const NOTES: WireAttachment = { kind: 'text', name: 'notes "v2".md', text: '# Notes\nGrüße, 2+2=4' };
/** textAttachmentBlock's shape, written out: the name's quotes become underscores. */
const NOTES_TEXT = '<file name="notes _v2_.md">\n# Notes\nGrüße, 2+2=4\n</file>';

const ENDPOINT = { kind: 'anthropic' as const, displayName: 'Anthropic', baseUrl: 'http://127.0.0.1:9', apiKey: 'k' };

function bodyOf(adapter: ProtocolAdapter, request: ChatCallRequest): unknown {
  return JSON.parse(adapter.chatRequest(ENDPOINT, request, false).body ?? 'null') as unknown;
}

const withFiles = (messages: ChatMessage[], extra: Partial<ChatCallRequest> = {}): ChatCallRequest => ({
  model: 'm-1',
  messages,
  stream: true,
  ...extra,
});

const conversation: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello!' },
  { role: 'user', content: 'What do these say?', attachments: [IMAGE, DOCUMENT, NOTES] },
];

describe('Anthropic Messages: files as content blocks, before the text', () => {
  it('an image, a PDF and a text file, then the text; web search as the server tool with max_uses', () => {
    expect(bodyOf(anthropicMessagesAdapter, withFiles(conversation, { webSearch: { maxSearches: 3 } }))).toEqual({
      model: 'm-1',
      max_tokens: 4096,
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF } },
            { type: 'text', text: NOTES_TEXT },
            { type: 'text', text: 'What do these say?' },
          ],
        },
      ],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
      stream: true,
    });
  });

  it('a marked message with files carries the cache mark on its last block only', () => {
    const body = bodyOf(
      anthropicMessagesAdapter,
      withFiles([
        { role: 'user', content: 'Describe it', attachments: [IMAGE], cacheBreakpoint: true },
        { role: 'assistant', content: 'A pixel.' },
        { role: 'user', content: 'And this?' },
      ]),
    ) as { messages: unknown[] };
    expect(body.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
        { type: 'text', text: 'Describe it', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(body.messages[2]).toEqual({ role: 'user', content: 'And this?' });
  });

  it('a file sent without text is the only block (Anthropic refuses an empty text block), and takes the mark', () => {
    const body = bodyOf(anthropicMessagesAdapter, withFiles([{ role: 'user', content: '', attachments: [DOCUMENT], cacheBreakpoint: true }])) as {
      messages: unknown[];
    };
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: PDF }, cache_control: { type: 'ephemeral' } }],
      },
    ]);
  });

  it('messages without files, or with an empty list, stay as they were; no tools without web search', () => {
    const body = bodyOf(
      anthropicMessagesAdapter,
      withFiles([
        { role: 'user', content: 'Hi', attachments: [] },
        { role: 'assistant', content: 'Hello!', cacheBreakpoint: true },
        { role: 'user', content: 'Sum 2+2' },
      ]),
    );
    expect(body).toEqual({
      model: 'm-1',
      max_tokens: 4096,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello!', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: 'Sum 2+2' },
      ],
      stream: true,
    });
  });
});

describe('Gemini generateContent: files as parts, before the text', () => {
  it('inlineData for the image and the PDF, a text part for the text file, then the text; Google Search grounding', () => {
    expect(bodyOf(geminiAdapter, withFiles(conversation, { webSearch: { maxSearches: 3 } }))).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello!' }] },
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/png', data: PNG } },
            { inlineData: { mimeType: 'application/pdf', data: PDF } },
            { text: NOTES_TEXT },
            { text: 'What do these say?' },
          ],
        },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      tools: [{ googleSearch: {} }],
    });
  });

  it('a file sent without text has no empty text part; without web search there are no tools', () => {
    expect(bodyOf(geminiAdapter, withFiles([{ role: 'user', content: '', attachments: [IMAGE] }]))).toEqual({
      contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: PNG } }] }],
    });
  });
});

describe('Ollama /api/chat: images beside the text, text files after it', () => {
  it('images as base64 strings, text files appended in their blocks; no search field', () => {
    const request = withFiles(
      [
        { role: 'user', content: 'What do these say?', attachments: [IMAGE, NOTES, { ...IMAGE, base64: 'R0lGODlhAQABAAAAACw=' }] },
        { role: 'assistant', content: 'A pixel and notes.' },
      ],
      { webSearch: { maxSearches: 3 } },
    );
    expect(bodyOf(ollamaChatAdapter, request)).toEqual({
      model: 'm-1',
      messages: [
        { role: 'user', content: `What do these say?\n\n${NOTES_TEXT}`, images: [PNG, 'R0lGODlhAQABAAAAACw='] },
        { role: 'assistant', content: 'A pixel and notes.' },
      ],
      stream: true,
    });
  });

  it('a message of only a text file is that file\'s block; one of only an image has empty content', () => {
    const body = bodyOf(
      ollamaChatAdapter,
      withFiles([
        { role: 'user', content: '', attachments: [NOTES] },
        { role: 'user', content: '', attachments: [IMAGE] },
      ]),
    ) as { messages: unknown[] };
    expect(body.messages).toEqual([
      { role: 'user', content: NOTES_TEXT },
      { role: 'user', content: '', images: [PNG] },
    ]);
  });
});

describe('through the fake servers', () => {
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeProvider();
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  it.each(['anthropic', 'gemini', 'ollama'] as const)('%s receives the image in its own format and answers', async (protocol) => {
    const outcome = await run(endpointFor(fake.baseUrl, protocol), withFiles([{ role: 'user', content: 'What is it?', attachments: [IMAGE] }]));
    expect(outcome.terminal.type).toBe('finish');
    const body = fake.requests[0]?.body;
    const expected = {
      anthropic: { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }, { type: 'text', text: 'What is it?' }] }] },
      gemini: { contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: PNG } }, { text: 'What is it?' }] }] },
      ollama: { messages: [{ role: 'user', content: 'What is it?', images: [PNG] }] },
    }[protocol];
    expect(body).toMatchObject(expected);
  });

  it('a PDF that reaches Ollama fails the call before anything is sent, saying why', async () => {
    const outcome = await run(endpointFor(fake.baseUrl, 'ollama'), withFiles([{ role: 'user', content: 'Read it', attachments: [DOCUMENT] }]));
    expect(errorOf(outcome).message).toBe(
      'Ollama call failed unexpectedly: Ollama does not take PDF files ("scan.pdf"); attach its text, or images of its pages, instead.',
    );
    expect(fake.requests).toHaveLength(0);
  });
});
