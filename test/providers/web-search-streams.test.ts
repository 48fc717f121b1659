import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider, type Scenario } from '../fake-provider';
import { openAiResponsesAdapterFor } from '../../src/main/core/providers/openai-responses-adapter';
import type { ChatCallRequest, ProviderEndpoint, ProviderUsage } from '../../src/main/core/providers/provider-types';
import type { AnswerSource } from '../../src/shared/answer-source';
import { nanodollars } from '../../src/shared/money';
import { runAdapter } from './adapter-driver';
import { bytesThrough, chat, counts, endpointFor, errorOf, run, type Outcome } from './helpers';

const TEXT = 'Grüße aus Zürich! 世界は広い 🌍🚀 — the ledger says [1] and [2]. '.repeat(4);
const SEEDS = Array.from({ length: 30 }, (_, i) => 3000 + i);
const LEDGER: AnswerSource = { url: 'https://example.org/ledger', title: 'Ledgers — a history' };
const UNICODE: AnswerSource = { url: 'https://example.com/ünïcode?q=1&r=2', title: 'Ünïcode 🌍' };
/** The first source cited again (untitled): shown once, with the title it first had. */
const CITED = [LEDGER, UNICODE, { url: LEDGER.url }];
const SOURCES = [LEDGER, UNICODE];

interface Case {
  name: string;
  scenario: Scenario;
  call(stream: boolean): Promise<Outcome>;
  usage: Omit<ProviderUsage, 'raw'>;
  /** The citation reports of a stream, in order (the whole answer reports once). */
  streamedReports: AnswerSource[][];
}

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

const searching = (stream: boolean, api?: 'responses'): ChatCallRequest => ({
  ...chat(stream, 'What changed in ledgers?'),
  webSearch: { maxSearches: 5 },
  ...(api ? { api } : {}),
});
const xaiEndpoint = (): ProviderEndpoint => ({ ...endpointFor(fake.baseUrl, 'openai'), kind: 'xai', displayName: 'xAI' });

const CASES: Case[] = [
  {
    name: 'OpenAI Responses: one search per web_search_call item, sources from url_citation annotations',
    scenario: { citations: CITED, usage: { input: 1200, output: 340, searches: 3 } },
    call: (stream) => run(endpointFor(fake.baseUrl, 'openai-responses'), searching(stream, 'responses')),
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 0, reasoningTokens: 0, webSearches: 3 },
    // annotation.added hands each new source on as it comes; the repeat changes nothing.
    streamedReports: [[LEDGER], SOURCES],
  },
  {
    name: 'OpenAI Responses: the search tool offered and not used is zero searches, not unknown',
    scenario: { usage: { input: 1200, output: 340, searches: 0 } },
    call: (stream) => run(endpointFor(fake.baseUrl, 'openai-responses'), searching(stream, 'responses')),
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 0, reasoningTokens: 0, webSearches: 0 },
    streamedReports: [],
  },
  {
    name: 'OpenRouter web plugin: results counted from the distinct url_citation annotations',
    scenario: { flavor: 'openrouter', citations: CITED, usage: { input: 2400, output: 300, cachedInput: 0, costUsd: 0.0123 } },
    call: (stream) => run({ ...endpointFor(fake.baseUrl, 'openai'), kind: 'openrouter', displayName: 'OpenRouter' }, searching(stream)),
    usage: { inputTokens: 2400, outputTokens: 300, cachedInputTokens: 0, providerCostNanos: nanodollars(12_300_000), webSearches: 2 },
    streamedReports: [SOURCES],
  },
  {
    name: 'xAI Responses (Agent Tools): billed calls from server_side_tool_usage_details, cost in ticks',
    scenario: { flavor: 'xai', citations: CITED, usage: { input: 900, output: 700, reasoning: 500, costTicks: 628_540_000, searches: 2 } },
    call: (stream) => runAdapter(openAiResponsesAdapterFor('xai'), xaiEndpoint(), searching(stream, 'responses')),
    usage: { inputTokens: 900, outputTokens: 700, cachedInputTokens: 0, reasoningTokens: 500, providerCostNanos: nanodollars(62_854_000), webSearches: 2 },
    streamedReports: [[LEDGER], SOURCES],
  },
];

describe.each(CASES)('$name', (c) => {
  it('decodes the same count and sources from 30 random splittings of the stream', async () => {
    for (const seed of SEEDS) {
      fake.enqueue({ ...c.scenario, text: TEXT, deltaChars: 5, split: { seed, maxBytes: 40 } });
      const outcome = await c.call(true);
      const context = `seed ${seed}`;
      expect(outcome.text, context).toBe(TEXT);
      expect(outcome.terminals, context).toBe(1);
      expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason, context).toBe('stop');
      expect(counts(outcome.terminal.usage), context).toEqual(c.usage);
      expect(outcome.citationReports, context).toEqual(c.streamedReports);
    }
  });

  it('decodes them from the whole answer, split at random too', async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      fake.enqueue({ ...c.scenario, text: TEXT, split: { seed, maxBytes: 40 } });
      const outcome = await c.call(false);
      expect(outcome.text).toBe(TEXT);
      expect(counts(outcome.terminal.usage)).toEqual(c.usage);
      expect(outcome.citationReports).toEqual(c.streamedReports.length > 0 ? [SOURCES] : []);
    }
  });
});

describe('what the Responses API counts when the vendor says less', () => {
  const sse = (events: object[]) => events.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
  const reply = (body: string) => async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  const search = (id: string) => ({ id, type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'q' } });

  it('searches streamed with no usage report still make one, so they are billed', async () => {
    const body = sse([
      { type: 'response.output_item.done', output_index: 0, item: search('ws_1') },
      { type: 'response.output_item.done', output_index: 1, item: search('ws_2') },
      { type: 'response.output_text.delta', output_index: 2, delta: 'Done.' },
      { type: 'response.completed', response: { status: 'completed', output: [search('ws_1'), search('ws_2')], usage: null } },
    ]);
    const outcome = await run(endpointFor(fake.baseUrl, 'openai-responses'), searching(true, 'responses'), { fetch: reply(body) });
    expect(outcome.terminal).toEqual({ type: 'finish', finishReason: 'stop', usage: { webSearches: 2, raw: null } });
  });

  it('xAI: its list of all sources read is added after the ones the text cites', async () => {
    const usage = { input_tokens: 10, output_tokens: 5, server_side_tool_usage_details: { web_search_calls: 1 } };
    const body = JSON.stringify({
      status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi', annotations: [{ type: 'url_citation', url: UNICODE.url, title: UNICODE.title }] }] }],
      citations: [LEDGER.url, UNICODE.url],
      usage,
    });
    const json = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    const outcome = await runAdapter(openAiResponsesAdapterFor('xai'), xaiEndpoint(), searching(false, 'responses'), json);
    expect(outcome.citationReports).toEqual([[UNICODE, { url: LEDGER.url }]]);
    expect(counts(outcome.terminal.usage)).toEqual({ inputTokens: 10, outputTokens: 5, webSearches: 1 });
  });
});

describe('a stream cut before its usage still meters the searches already made', () => {
  it('Responses: the web_search_call items seen so far', async () => {
    const scenario: Scenario = { text: TEXT, citations: CITED, usage: { input: 1200, output: 340, searches: 2 } };
    const request = searching(true, 'responses');
    // response.created, .in_progress, then five events per search call.
    const cut = bytesThrough('openai-responses', scenario, request, 12);
    fake.enqueue({ ...scenario, fault: { kind: 'disconnect', afterBytes: cut } });
    const outcome = await run(endpointFor(fake.baseUrl, 'openai-responses'), request);
    expect(errorOf(outcome).message).toBe(`OpenAI stream ended before it finished (truncated after ${cut} bytes)`);
    expect(outcome.terminal.usage).toEqual({ webSearches: 2, raw: null });
  });

  it('OpenRouter: the results its annotations handed back', async () => {
    const scenario: Scenario = { flavor: 'openrouter', text: 'Short.', citations: CITED, usage: { input: 10, output: 2 } };
    const request = searching(true);
    // A processing comment, the role delta, the text delta, another comment, the annotations delta.
    const cut = bytesThrough('openai', scenario, request, 5);
    fake.enqueue({ ...scenario, fault: { kind: 'disconnect', afterBytes: cut } });
    const outcome = await run({ ...endpointFor(fake.baseUrl, 'openai'), kind: 'openrouter', displayName: 'OpenRouter' }, request);
    expect(errorOf(outcome).code).toBe('truncated');
    expect(outcome.citationReports).toEqual([SOURCES]);
    expect(outcome.terminal.usage).toEqual({ webSearches: 2, raw: null });
  });
});
