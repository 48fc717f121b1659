import { describe, expect, it } from 'vitest';
import type { ConversationView, MessageView, RequestMeta } from '../../src/shared/contract/chat-contract';
import { renderConversationExport } from '../../src/main/core/conversations/conversation-export';

const AT = Date.UTC(2026, 10, 30, 9, 15, 0);

const META: RequestMeta = {
  requestId: 'r1',
  status: 'completed',
  providerId: 'openai',
  providerName: 'OpenAI',
  model: 'gpt-4o',
  inputTokens: 1_234,
  outputTokens: 56,
  cachedInputTokens: 1_024,
  cacheWriteTokens: null,
  reasoningTokens: null,
  usageSource: 'provider',
  costNanos: 1_917_500,
  providerCostNanos: null,
  cacheSavedNanos: 1_920_000,
  fees: [],
  ttftMs: 300,
  durationMs: 900,
  cancelReason: null,
  error: null,
};

const conversation: ConversationView = {
  id: 'c1',
  title: 'Trip to Lyon: what to see?',
  providerId: 'openai',
  model: 'gpt-4o',
  systemPrompt: 'Answer in French.',
  webSearch: false,
  updatedAt: AT,
  totalCostNanos: 31_917_500,
  requests: 3,
  unpricedRequests: 1,
};

const message = (id: string, role: MessageView['role'], content: string, request: RequestMeta | null, minute: number): MessageView => ({
  id,
  role,
  content,
  reasoningText: null,
  sources: [],
  attachments: [],
  status: 'complete',
  createdAt: AT + minute * 60_000,
  request,
});

const messages: MessageView[] = [
  message('m1', 'user', 'What should I see in Lyon?', null, 0),
  message('m2', 'assistant', 'La basilique de Fourvière.', META, 1),
  message('m3', 'user', 'And today, with the news?', null, 2),
  message(
    'm4',
    'assistant',
    'Le marché de la Croix-Rousse.',
    { ...META, requestId: 'r2', model: 'gpt-4o-search-preview', inputTokens: 40, outputTokens: 9, cachedInputTokens: null, costNanos: 30_000_000, fees: [{ kind: 'webSearch', calls: 3, feeNanos: 30_000_000 }] },
    3,
  ),
  message('m5', 'user', 'Merci', null, 4),
  message(
    'm6',
    'assistant',
    '',
    { ...META, requestId: 'r3', status: 'failed', providerName: 'My vLLM', model: 'local', inputTokens: null, outputTokens: null, cachedInputTokens: null, costNanos: null },
    5,
  ),
];

describe('a conversation exported as Markdown', () => {
  it('reads as the thread, with each answer\'s model, tokens and cost as the window shows dollars', () => {
    const exported = renderConversationExport({ conversation, messages }, 'md');
    expect(exported.fileName).toBe('trip-to-lyon-what-to-see.md');
    expect(exported.text).toBe(
      [
        '# Trip to Lyon: what to see?',
        '',
        '3 requests · total $0.0319 (1 request without a known price)',
        '',
        '## System prompt',
        '',
        'Answer in French.',
        '',
        '## You',
        '',
        'What should I see in Lyon?',
        '',
        '## Assistant',
        '',
        'La basilique de Fourvière.',
        '',
        '> gpt-4o on OpenAI · 1,234 input (1,024 cached) + 56 output tokens · $0.001918',
        '',
        '## You',
        '',
        'And today, with the news?',
        '',
        '## Assistant',
        '',
        'Le marché de la Croix-Rousse.',
        '',
        '> gpt-4o-search-preview on OpenAI · 40 input + 9 output tokens · $0.03 · incl. 3 web searches $0.03',
        '',
        '## You',
        '',
        'Merci',
        '',
        '## Assistant',
        '',
        '*(no text)*',
        '',
        '> local on My vLLM · no tokens reported · price unknown · failed',
        '',
      ].join('\n'),
    );
  });

  it('names the file "conversation" when the title has no letters or digits', () => {
    expect(renderConversationExport({ conversation: { ...conversation, title: '???' }, messages: [] }, 'md').fileName).toBe('conversation.md');
  });
});

describe('a conversation exported as JSON', () => {
  it('carries each answer\'s figures, money as decimal dollars and as integer nano-dollars', () => {
    const exported = renderConversationExport({ conversation, messages: messages.slice(2, 4) }, 'json');
    expect(exported.fileName).toBe('trip-to-lyon-what-to-see.json');
    expect(exported.text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(exported.text)).toEqual({
      conversation: {
        id: 'c1',
        title: 'Trip to Lyon: what to see?',
        systemPrompt: 'Answer in French.',
        requests: 3,
        unpricedRequests: 1,
        totalCostUsd: '0.031917500',
        totalCostNanos: 31_917_500,
      },
      messages: [
        { id: 'm3', role: 'user', createdAt: '2026-11-30T09:17:00.000Z', status: 'complete', content: 'And today, with the news?' },
        {
          id: 'm4',
          role: 'assistant',
          createdAt: '2026-11-30T09:18:00.000Z',
          status: 'complete',
          content: 'Le marché de la Croix-Rousse.',
          answer: {
            requestId: 'r2',
            status: 'completed',
            provider: 'OpenAI',
            model: 'gpt-4o-search-preview',
            inputTokens: 40,
            cachedInputTokens: null,
            cacheWriteTokens: null,
            outputTokens: 9,
            reasoningTokens: null,
            usageSource: 'provider',
            costUsd: '0.030000000',
            costNanos: 30_000_000,
            fees: [{ kind: 'webSearch', calls: 3, feeUsd: '0.030000000', feeNanos: 30_000_000 }],
          },
        },
      ],
    });
  });
});
