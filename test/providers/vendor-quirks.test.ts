import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from '../../src/main/core/providers/convert-anthropic-usage';
import { convertOpenAiResponsesUsage } from '../../src/main/core/providers/convert-openai-responses-usage';
import { convertPerplexityUsage } from '../../src/main/core/providers/convert-perplexity-usage';
import { convertXaiUsage, ticksToNanos } from '../../src/main/core/providers/convert-xai-usage';
import { errorContext } from '../../src/main/core/providers/error-factory';
import { PartSink } from '../../src/main/core/providers/part-sink';
import { perplexityCitationsReader } from '../../src/main/core/providers/perplexity-citations';
import type { StreamPart } from '../../src/main/core/providers/provider-types';

describe('vendor usage converters: each vendor\'s quirk in our normalized shape', () => {
  it('OpenAI Responses: input counts the cached tokens and output the reasoning, as ours do', () => {
    const raw = {
      input_tokens: 2006,
      input_tokens_details: { cached_tokens: 1920 },
      output_tokens: 1300,
      output_tokens_details: { reasoning_tokens: 1024 },
      total_tokens: 3306,
    };
    expect(convertOpenAiResponsesUsage(raw)).toStrictEqual({
      inputTokens: 2006,
      outputTokens: 1300,
      cachedInputTokens: 1920,
      reasoningTokens: 1024,
      raw,
    });
  });

  it('xAI: completion_tokens leaves reasoning out, so an answer billing 291 output tokens meters 291, not 1', () => {
    const raw = {
      prompt_tokens: 32,
      completion_tokens: 1,
      total_tokens: 323,
      prompt_tokens_details: { text_tokens: 32, audio_tokens: 0, image_tokens: 0, cached_tokens: 6 },
      completion_tokens_details: { reasoning_tokens: 290, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      num_sources_used: 0,
      cost_in_usd_ticks: 1_551_000,
    };
    expect(convertXaiUsage(raw)).toStrictEqual({
      inputTokens: 32,
      outputTokens: 291,
      cachedInputTokens: 6,
      reasoningTokens: 290,
      // 1,551,000 ticks = USD 0.0001551
      providerCostNanos: 155_100,
      raw,
    });
  });

  it('xAI: without completion_tokens the output is unknown, not the reasoning alone', () => {
    const usage = convertXaiUsage({ prompt_tokens: 10, completion_tokens_details: { reasoning_tokens: 50 } });
    expect(usage.outputTokens).toBeUndefined();
    expect(usage.reasoningTokens).toBe(50);
  });

  it('xAI ticks become nano-dollars in integer math: ten ticks a nano-dollar, half to even', () => {
    expect(ticksToNanos(37_756_000)).toBe(3_775_600);
    expect(ticksToNanos(10_000_000_000)).toBe(1_000_000_000);
    expect(ticksToNanos(15)).toBe(2);
    expect(ticksToNanos(25)).toBe(2);
    expect(ticksToNanos(26)).toBe(3);
    expect(ticksToNanos(0)).toBe(0);
    expect(ticksToNanos(1.5)).toBeUndefined();
    expect(ticksToNanos('100')).toBeUndefined();
    expect(ticksToNanos(-10)).toBeUndefined();
  });

  it('Perplexity: tokens as OpenAI, its searches and search context for the fees, its total cost as the provider\'s figure', () => {
    const raw = {
      prompt_tokens: 12,
      completion_tokens: 310,
      total_tokens: 322,
      search_context_size: 'low',
      num_search_queries: 1,
      cost: { input_tokens_cost: 0.000012, output_tokens_cost: 0.00031, request_cost: 0.005, total_cost: 0.005322 },
    };
    expect(convertPerplexityUsage(raw)).toStrictEqual({
      inputTokens: 12,
      outputTokens: 310,
      providerCostNanos: 5_322_000,
      webSearches: 1,
      searchContextSize: 'low',
      raw,
    });
    // A size Perplexity has not published is left out: the request fee then falls back to the catalog's (the highest).
    expect(convertPerplexityUsage({ ...raw, search_context_size: 'huge' })).not.toHaveProperty('searchContextSize');
  });

  it('Anthropic: cache_creation splits the writes into 5-minute and 1-hour parts of cacheWriteTokens', () => {
    const start = {
      input_tokens: 20,
      cache_creation_input_tokens: 3000,
      cache_read_input_tokens: 500,
      cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 },
      output_tokens: 1,
    };
    const delta = { output_tokens: 88 };
    expect(convertAnthropicUsage({ message_start: start, message_delta: delta })).toStrictEqual({
      inputTokens: 3520,
      outputTokens: 88,
      cachedInputTokens: 500,
      cacheWriteTokens: 3000,
      cacheWrite5mTokens: 1000,
      cacheWrite1hTokens: 2000,
      raw: { message_start: start, message_delta: delta },
    });
  });

  it('Anthropic: without cache_creation the lifetimes stay unknown', () => {
    const usage = convertAnthropicUsage({ message_start: { input_tokens: 5, cache_creation_input_tokens: 40, output_tokens: 1 } });
    expect(usage.cacheWriteTokens).toBe(40);
    expect('cacheWrite5mTokens' in usage || 'cacheWrite1hTokens' in usage).toBe(false);
  });
});

describe('Perplexity sources', () => {
  const read = (body: Record<string, unknown>) => {
    const parts: StreamPart[] = [];
    const sink = new PartSink(errorContext({ kind: 'perplexity', displayName: 'Perplexity', baseUrl: 'https://api.perplexity.ai' }));
    const reader = perplexityCitationsReader();
    reader.read(sink, body);
    reader.read(sink, body);
    parts.push(...sink.drain());
    return parts;
  };

  it('prefers search_results (title, date) and hands an unchanged list on once', () => {
    const body = {
      citations: ['https://a.example/'],
      search_results: [{ title: 'A', url: 'https://a.example/', date: '2025-01-02', snippet: 'a', source: 'web' }, { title: 'no url' }],
    };
    expect(read(body)).toEqual([{ type: 'citations', citations: [{ url: 'https://a.example/', title: 'A', date: '2025-01-02' }] }]);
  });

  it('falls back to the URL-only citations when search_results is missing or empty', () => {
    expect(read({ search_results: [], citations: ['https://b.example/', 7] })).toEqual([{ type: 'citations', citations: [{ url: 'https://b.example/' }] }]);
    expect(read({ choices: [] })).toEqual([]);
  });
});
