import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider, type Scenario } from '../fake-provider';
import type { FakeProtocol } from '../fake-provider/scenario';
import type { AnswerSource } from '../../src/shared/answer-source';
import type { ProviderUsage } from '../../src/main/core/providers/provider-types';
import { chat, counts, endpointFor, run } from './helpers';

const TEXT = 'Spain won Euro 2024 — 2–1 over England in Berlin. Grüße 🌍 '.repeat(5);
const SEEDS = Array.from({ length: 30 }, (_, i) => 3000 + i);
/** The scenario's citations: the first URL comes back a second time under another title, which must not show twice. */
const CITED = [
  { url: 'https://example.org/euro-2024', title: 'Euro 2024 final', date: 'July 15, 2024' },
  { url: 'https://example.com/ünïcode?q=1&r=2', title: 'Ünïcode 🌍' },
  { url: 'https://example.org/euro-2024', title: 'Another title' },
  { url: 'https://example.net/untitled' },
];

interface Case {
  name: string;
  protocol: FakeProtocol;
  model: string;
  scenario: Scenario;
  usage: Omit<ProviderUsage, 'raw'>;
  /** Each citations report of a streamed answer, in order (the whole list each time). */
  streamedReports: AnswerSource[][];
  /** The one report of a non-streamed answer. */
  sources: AnswerSource[];
}

const ANTHROPIC_SOURCES: AnswerSource[] = [
  { url: 'https://example.org/euro-2024', title: 'Euro 2024 final', date: 'July 15, 2024' },
  { url: 'https://example.com/ünïcode?q=1&r=2', title: 'Ünïcode 🌍' },
  { url: 'https://example.net/untitled' },
];
/** Gemini's grounding chunks carry no dates. */
const GEMINI_SOURCES: AnswerSource[] = ANTHROPIC_SOURCES.map(({ url, title }) => ({ url, ...(title ? { title } : {}) }));

const CASES: Case[] = [
  {
    name: 'Anthropic: two searches, results in two blocks, citations on the text',
    protocol: 'anthropic',
    model: 'claude-sonnet-4-5',
    scenario: { citations: CITED, usage: { input: 9000, output: 400, searches: 2 } },
    usage: { inputTokens: 9000, outputTokens: 400, cachedInputTokens: 0, cacheWriteTokens: 0, webSearches: 2 },
    // The first search's results name the first and third citations (one URL), the second's the other two.
    streamedReports: [ANTHROPIC_SOURCES.slice(0, 1), ANTHROPIC_SOURCES],
    sources: ANTHROPIC_SOURCES,
  },
  {
    name: 'Gemini 2.5: three queries are one grounded prompt',
    protocol: 'gemini',
    model: 'gemini-2.5-flash',
    scenario: { citations: CITED, usage: { input: 900, output: 300, searches: 3 } },
    usage: { inputTokens: 900, outputTokens: 300, webSearches: 1 },
    streamedReports: [GEMINI_SOURCES],
    sources: GEMINI_SOURCES,
  },
  {
    name: 'Gemini 3: each non-empty query is billed',
    protocol: 'gemini',
    model: 'gemini-3-pro-preview',
    scenario: { citations: CITED, usage: { input: 900, output: 300, searches: 3 } },
    usage: { inputTokens: 900, outputTokens: 300, webSearches: 3 },
    streamedReports: [GEMINI_SOURCES],
    sources: GEMINI_SOURCES,
  },
  {
    name: 'Gemini 3: a search that found nothing is still billed',
    protocol: 'gemini',
    model: 'gemini-3-flash-preview',
    scenario: { usage: { input: 900, output: 300, searches: 2 } },
    usage: { inputTokens: 900, outputTokens: 300, webSearches: 2 },
    streamedReports: [],
    sources: [],
  },
];

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

describe.each(CASES)('$name', (c) => {
  const request = (stream: boolean) => ({ ...chat(stream), model: c.model, webSearch: { maxSearches: 5 } });

  it('streamed at 30 random splittings: the exact text (no search query in it), search count and sources', async () => {
    for (const seed of SEEDS) {
      fake.enqueue({ ...c.scenario, text: TEXT, deltaChars: 5, split: { seed, maxBytes: 40 } });
      const outcome = await run(endpointFor(fake.baseUrl, c.protocol), request(true));
      const context = `seed ${seed}`;
      expect(outcome.text, context).toBe(TEXT);
      expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason, context).toBe('stop');
      expect(counts(outcome.terminal.usage), context).toEqual(c.usage);
      expect(outcome.citationReports, context).toEqual(c.streamedReports);
    }
  });

  it('not streamed, split at random too: the same count, and the sources in one report', async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      fake.enqueue({ ...c.scenario, text: TEXT, split: { seed, maxBytes: 40 } });
      const outcome = await run(endpointFor(fake.baseUrl, c.protocol), request(false));
      expect(outcome.text).toBe(TEXT);
      expect(counts(outcome.terminal.usage)).toEqual(c.usage);
      expect(outcome.citationReports).toEqual(c.sources.length > 0 ? [c.sources] : []);
    }
  });
});

describe('the fakes send what each vendor sends for a search', () => {
  it('Anthropic: server_tool_use with the query as input_json_delta, web_search_tool_result, citations_delta, server_tool_use usage', async () => {
    fake.enqueue({ text: 'Yes.', citations: CITED.slice(0, 1), usage: { input: 10, output: 2, searches: 1 }, deltaChars: 40 });
    const response = await fetch(`${fake.baseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'Who won?' }] }),
    });
    const events = (await response.text())
      .split('\n\n')
      .filter((block) => block.startsWith('event: '))
      .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as Record<string, unknown>);
    expect(events.slice(1, 7)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_fake1', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"\\"fake\\" search 1 — über"}' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_fake1',
          content: [
            {
              type: 'web_search_result',
              url: 'https://example.org/euro-2024',
              title: 'Euro 2024 final',
              encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1mZjM5',
              page_age: 'July 15, 2024',
            },
          ],
        },
      },
      { type: 'content_block_stop', index: 1 },
    ]);
    expect(events[9]).toEqual({
      type: 'content_block_delta',
      index: 2,
      delta: {
        type: 'citations_delta',
        citation: {
          type: 'web_search_result_location',
          url: 'https://example.org/euro-2024',
          title: 'Euro 2024 final',
          encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0',
          cited_text: 'fake cited text',
        },
      },
    });
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 2, server_tool_use: { web_search_requests: 1 } },
    });
  });

  it('Gemini: groundingMetadata on the last chunk, with an empty query as Gemini sometimes sends', async () => {
    fake.enqueue({ text: 'Yes.', citations: CITED.slice(0, 2), usage: { input: 10, output: 2, searches: 2 } });
    const response = await fetch(`${fake.baseUrl}/v1beta/models/gemini-3-pro-preview:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Who won?' }] }], tools: [{ googleSearch: {} }] }),
    });
    const body = (await response.json()) as { candidates: { groundingMetadata: unknown }[] };
    expect(body.candidates[0]?.groundingMetadata).toEqual({
      searchEntryPoint: { renderedContent: '<style>.container{}</style><div class="container">fake</div>' },
      groundingChunks: [
        { web: { uri: 'https://example.org/euro-2024', title: 'Euro 2024 final' } },
        { web: { uri: 'https://example.com/ünïcode?q=1&r=2', title: 'Ünïcode 🌍' } },
      ],
      groundingSupports: [{ segment: { startIndex: 0, endIndex: 4, text: 'Yes.' }, groundingChunkIndices: [0, 1] }],
      webSearchQueries: ['', 'fake search 1 — über', 'fake search 2 — über'],
    });
  });
});
