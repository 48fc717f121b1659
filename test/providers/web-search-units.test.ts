import { describe, expect, it } from 'vitest';
import { convertXaiResponsesUsage } from '../../src/main/core/providers/convert-xai-usage';
import { SourceList } from '../../src/main/core/providers/source-list';
import { urlCitationOf } from '../../src/main/core/providers/url-citations';
import { nanodollars } from '../../src/shared/money';
import { counts } from './helpers';

describe('url_citation annotations as sources', () => {
  it('reads the Responses API\'s flat shape and Chat Completions\' nested one; an empty title is none', () => {
    expect(urlCitationOf({ type: 'url_citation', start_index: 0, end_index: 9, url: 'https://a.example/', title: 'A' })).toEqual({ url: 'https://a.example/', title: 'A' });
    expect(urlCitationOf({ type: 'url_citation', url_citation: { url: 'https://b.example/', title: '', content: 'snippet' } })).toEqual({ url: 'https://b.example/' });
    expect(urlCitationOf({ type: 'file_citation', file_id: 'f', url: 'https://c.example/' })).toBeUndefined();
    expect(urlCitationOf({ type: 'url_citation', url: '' })).toBeUndefined();
    expect(urlCitationOf('https://d.example/')).toBeUndefined();
  });

  it('keeps each source once, in first-cited order, and fills a title that came later', () => {
    const list = new SourceList();
    expect(list.addSource({ url: 'https://a.example/' })).toBe(true);
    expect(list.addSource({ url: 'https://b.example/', title: 'B' })).toBe(true);
    expect(list.addSource({ url: 'https://a.example/', title: 'A' })).toBe(true);
    expect(list.addSource({ url: 'https://a.example/', title: 'A again' })).toBe(false);
    expect(list.addAll([{ url: 'https://b.example/' }, undefined])).toBe(false);
    expect(list.list()).toEqual([
      { url: 'https://a.example/', title: 'A' },
      { url: 'https://b.example/', title: 'B' },
    ]);
    expect(list.size).toBe(2);
  });
});

describe('xAI Responses usage', () => {
  it('reads an answer of xAI\'s as its docs print it: output with reasoning inside, ticks, billed tool calls', () => {
    const usage = {
      input_tokens: 20872,
      input_tokens_details: { cached_tokens: 9920 },
      output_tokens: 4872,
      output_tokens_details: { reasoning_tokens: 310 },
      total_tokens: 25744,
      num_sources_used: 0,
      num_server_side_tools_used: 7,
      cost_in_usd_ticks: 628_540_000,
      server_side_tool_usage_details: { web_search_calls: 4, x_search_calls: 3, code_interpreter_calls: 0 },
    };
    expect(counts(convertXaiResponsesUsage(usage))).toEqual({
      inputTokens: 20872,
      outputTokens: 4872,
      cachedInputTokens: 9920,
      reasoningTokens: 310,
      providerCostNanos: nanodollars(62_854_000),
      webSearches: 4,
    });
    expect(convertXaiResponsesUsage(usage).raw).toBe(usage);
  });

  it('leaves the searches unknown when the usage has no tool details', () => {
    expect(counts(convertXaiResponsesUsage({ input_tokens: 3, output_tokens: 2 }))).toEqual({ inputTokens: 3, outputTokens: 2 });
  });
});
