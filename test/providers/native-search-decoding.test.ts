import { describe, expect, it } from 'vitest';
import type { ProtocolAdapter } from '../../src/main/core/providers/adapter-types';
import { anthropicMessagesAdapter } from '../../src/main/core/providers/anthropic-messages-adapter';
import { convertAnthropicUsage } from '../../src/main/core/providers/convert-anthropic-usage';
import { errorContext } from '../../src/main/core/providers/error-factory';
import { billedGroundingSearches } from '../../src/main/core/providers/gemini-grounding';
import { geminiAdapter } from '../../src/main/core/providers/gemini-adapter';
import { PartSink } from '../../src/main/core/providers/part-sink';
import type { StreamPart } from '../../src/main/core/providers/provider-types';
import { counts, summarize, type Outcome } from './helpers';

/** Feeds whole vendor events straight to a decoding session, as the SSE reader would. */
function decode(adapter: ProtocolAdapter, events: object[], stream = true): Outcome {
  const sink = new PartSink(errorContext({ kind: 'anthropic', displayName: 'Vendor', baseUrl: 'http://127.0.0.1:9' }));
  const session = adapter.openSession(sink, { stream, usageRequested: false });
  const parts: StreamPart[] = [];
  for (const event of events) {
    session.onEvent(JSON.stringify(event), undefined);
    parts.push(...sink.drain());
  }
  session.atEof();
  parts.push(...sink.drain());
  if (sink.terminal) parts.push(sink.terminal);
  return summarize(parts);
}

describe('what Google bills for a grounded answer', () => {
  const queries = (...q: string[]) => new Set(q);
  it.each<[string | undefined, Set<string>, number]>([
    ['gemini-2.5-flash', queries('a', 'b', 'c'), 1],
    ['gemini-2.5-pro', queries(), 0],
    ['gemini-2.0-flash', queries('a'), 1],
    ['models/gemini-1.5-pro-002', queries('a', 'b'), 1],
    ['gemini-3-pro-preview', queries('a', 'b', 'c'), 3],
    ['gemini-3.1-flash-lite', queries('a', 'b'), 2],
    ['gemini-3-flash-preview', queries(), 0],
    ['gemini-flash-latest', queries('a', 'b'), 2],
    [undefined, queries('a', 'b'), 2],
  ])('%s with %o: %i', (model, q, billed) => {
    expect(billedGroundingSearches(model, q)).toBe(billed);
  });
});

describe('Gemini grounding read across streamed chunks', () => {
  const text = (t: string, extra: object = {}) => ({ candidates: [{ content: { parts: [{ text: t }], role: 'model' }, index: 0, ...extra }] });

  it('queries are counted once each (blank ones not at all), sources by URL, and a count that changes after the last usage is reported again', () => {
    const outcome = decode(geminiAdapter, [
      { ...text('Spain'), usageMetadata: { promptTokenCount: 50 }, modelVersion: 'gemini-3-pro-preview' },
      {
        ...text(' won', { groundingMetadata: { webSearchQueries: ['euro 2024 winner', ' '], groundingChunks: [{ web: { uri: 'https://a.example', title: 'a.example' } }] } }),
        modelVersion: 'gemini-3-pro-preview',
      },
      {
        ...text('.', {
          finishReason: 'STOP',
          groundingMetadata: {
            webSearchQueries: ['euro 2024 winner', 'euro 2024 final score'],
            groundingChunks: [{ web: { uri: 'https://a.example', title: 'a.example' } }, { web: { uri: 'https://b.example' } }, { retrievedContext: { uri: 'gs://x' } }],
          },
        }),
        usageMetadata: { promptTokenCount: 50, candidatesTokenCount: 3 },
        modelVersion: 'gemini-3-pro-preview',
      },
    ]);
    expect(outcome.text).toBe('Spain won.');
    expect(outcome.citationReports).toEqual([[{ url: 'https://a.example', title: 'a.example' }], [{ url: 'https://a.example', title: 'a.example' }, { url: 'https://b.example' }]]);
    expect(outcome.usageReports.map(counts)).toEqual([
      { inputTokens: 50 },
      { inputTokens: 50, webSearches: 1 },
      { inputTokens: 50, outputTokens: 3, webSearches: 2 },
    ]);
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 50, outputTokens: 3, webSearches: 2 });
  });

  it('grounding that comes before any token count is reported alone, and kept when usage follows', () => {
    const outcome = decode(geminiAdapter, [
      { ...text('Hi', { groundingMetadata: { webSearchQueries: ['q'] } }), modelVersion: 'gemini-2.5-flash' },
      { ...text('!', { finishReason: 'STOP' }), usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 2 }, modelVersion: 'gemini-2.5-flash' },
    ]);
    expect(outcome.usageReports).toEqual([
      { webSearches: 1, raw: null },
      { inputTokens: 7, outputTokens: 2, webSearches: 1, raw: { promptTokenCount: 7, candidatesTokenCount: 2 } },
    ]);
    expect(outcome.citationReports).toEqual([]);
  });

  it('an answer with no grounding metadata reports no search count at all', () => {
    const outcome = decode(geminiAdapter, [{ ...text('Hi', { finishReason: 'STOP' }), usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 2 } }]);
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 7, outputTokens: 2 });
  });
});

describe('Anthropic search results and citations', () => {
  const start = { type: 'message_start', message: { usage: { input_tokens: 10, output_tokens: 1, server_tool_use: { web_search_requests: 0 } } } };
  const stop = [
    { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 30, server_tool_use: { web_search_requests: 2 } } },
    { type: 'message_stop' },
  ];

  it('a failed search names nothing; a text block opened with citations and later citations_delta add theirs; the query is not text', () => {
    const outcome = decode(anthropicMessagesAdapter, [
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 's1', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query": "who won"}' } },
      { type: 'content_block_start', index: 1, content_block: { type: 'web_search_tool_result', tool_use_id: 's1', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } } },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '', citations: [{ type: 'web_search_result_location', url: 'https://a.example', title: null }] } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Spain.' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://a.example', title: 'A' } } },
      { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://b.example', title: 'B' } } },
      { type: 'content_block_delta', index: 2, delta: { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://b.example', title: 'B' } } },
      ...stop,
    ]);
    expect(outcome.text).toBe('Spain.');
    expect(outcome.citationReports).toEqual([
      [{ url: 'https://a.example' }],
      [{ url: 'https://a.example', title: 'A' }],
      [{ url: 'https://a.example', title: 'A' }, { url: 'https://b.example', title: 'B' }],
    ]);
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 10, outputTokens: 30, webSearches: 2 });
  });

  it('message_delta\'s search count wins over message_start\'s; none reported is unknown, not 0', () => {
    expect(convertAnthropicUsage({ message_start: start.message.usage, message_delta: stop[0]?.usage as Record<string, unknown> }).webSearches).toBe(2);
    expect(convertAnthropicUsage({ message_start: start.message.usage }).webSearches).toBe(0);
    expect(convertAnthropicUsage({ message_start: { input_tokens: 3, output_tokens: 1 } }).webSearches).toBeUndefined();
  });
});
