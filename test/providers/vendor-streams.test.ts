import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider, type Scenario } from '../fake-provider';
import type { FakeProtocol } from '../fake-provider/scenario';
import type { ProviderKind, ProviderUsage, WireApi } from '../../src/main/core/providers/provider-types';
import type { AnswerSource } from '../../src/shared/answer-source';
import { nanodollars } from '../../src/shared/money';
import { chat, counts, endpointFor, run } from './helpers';

const TEXT = 'Grüße aus Zürich! 世界は広い 🌍🚀 — naïve café, “quotes”, tabs\tand\nnewlines, \\ back-slashes. '.repeat(6);
const REASONING = 'Let me think: ∑ of 𝔸 and ß… 🤔 done. '.repeat(4);
/** Two paragraphs: the Responses API sends them as two reasoning summary parts. */
const SUMMARY = `**Reading the question** ${REASONING}\n\n**Answering** ${REASONING}`;
const SEEDS = Array.from({ length: 30 }, (_, i) => 2000 + i);
const SOURCES: AnswerSource[] = [
  { url: 'https://example.org/ledger', title: 'Ledgers — a history', date: '2025-03-14' },
  { url: 'https://example.com/ünïcode?q=1&r=2', title: 'Ünïcode 🌍' },
];

interface Case {
  name: string;
  protocol: FakeProtocol;
  kind: ProviderKind;
  api?: WireApi;
  scenario: Scenario;
  reasoning: string;
  usage: Omit<ProviderUsage, 'raw'>;
  citations?: AnswerSource[];
}

const CASES: Case[] = [
  {
    name: 'OpenAI Responses API',
    protocol: 'openai-responses',
    kind: 'openai',
    api: 'responses',
    scenario: { reasoning: SUMMARY, usage: { input: 1200, output: 1340, cachedInput: 1024, reasoning: 1000 } },
    reasoning: SUMMARY,
    usage: { inputTokens: 1200, outputTokens: 1340, cachedInputTokens: 1024, reasoningTokens: 1000 },
  },
  {
    name: 'xAI (completion_tokens without the reasoning, cost in ticks)',
    protocol: 'openai',
    kind: 'xai',
    scenario: { flavor: 'xai', reasoning: REASONING, usage: { input: 32, output: 291, cachedInput: 6, reasoning: 290, costTicks: 1_551_000 } },
    reasoning: REASONING,
    usage: { inputTokens: 32, outputTokens: 291, cachedInputTokens: 6, reasoningTokens: 290, providerCostNanos: nanodollars(155_100) },
  },
  {
    name: 'Mistral reasoning model (typed content parts)',
    protocol: 'openai',
    kind: 'mistral',
    scenario: { flavor: 'mistral', reasoning: REASONING, usage: { input: 900, output: 700 } },
    reasoning: REASONING,
    usage: { inputTokens: 900, outputTokens: 700 },
  },
  {
    name: 'Mistral plain model (string content)',
    protocol: 'openai',
    kind: 'mistral',
    scenario: { flavor: 'mistral', usage: { input: 900, output: 300 } },
    reasoning: '',
    usage: { inputTokens: 900, outputTokens: 300 },
  },
  {
    name: 'Perplexity (sources beside the answer)',
    protocol: 'openai',
    kind: 'perplexity',
    scenario: { flavor: 'perplexity', citations: SOURCES, usage: { input: 12, output: 310, costUsd: 0.005322 } },
    reasoning: '',
    usage: { inputTokens: 12, outputTokens: 310, providerCostNanos: nanodollars(5_322_000), webSearches: 1, searchContextSize: 'low' },
    citations: SOURCES,
  },
  {
    name: 'Anthropic with 1-hour cache writes',
    protocol: 'anthropic',
    kind: 'anthropic',
    scenario: { reasoning: REASONING, usage: { input: 5200, output: 340, cachedInput: 700, cacheWrite: 4300, cacheWrite1h: 4000 } },
    reasoning: REASONING,
    usage: { inputTokens: 5200, outputTokens: 340, cachedInputTokens: 700, cacheWriteTokens: 4300, cacheWrite5mTokens: 300, cacheWrite1hTokens: 4000 },
  },
];

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

describe.each(CASES)('$name over loopback HTTP', (c) => {
  const endpoint = () => ({ ...endpointFor(fake.baseUrl, c.protocol), kind: c.kind });
  const request = (stream: boolean) => ({ ...chat(stream), ...(c.api ? { api: c.api } : {}) });

  it('gives the exact text, reasoning, usage and sources for 30 random splittings of the stream', async () => {
    for (const seed of SEEDS) {
      fake.enqueue({ ...c.scenario, text: TEXT, deltaChars: 5, split: { seed, maxBytes: 40 } });
      const outcome = await run(endpoint(), request(true));
      const context = `seed ${seed}`;
      expect(outcome.text, context).toBe(TEXT);
      expect(outcome.reasoning, context).toBe(c.reasoning);
      expect(outcome.terminals, context).toBe(1);
      expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason, context).toBe('stop');
      expect(counts(outcome.terminal.usage), context).toEqual(c.usage);
      // Sent on every chunk, handed on once.
      expect(outcome.citationReports, context).toEqual(c.citations ? [c.citations] : []);
    }
  });

  it('gives the same answer through the non-streaming path, split at random too', async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      fake.enqueue({ ...c.scenario, text: TEXT, split: { seed, maxBytes: 40 } });
      const outcome = await run(endpoint(), request(false));
      expect(outcome.text).toBe(TEXT);
      expect(outcome.reasoning).toBe(c.reasoning);
      expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason).toBe('stop');
      expect(counts(outcome.terminal.usage)).toEqual(c.usage);
      expect(outcome.citationReports).toEqual(c.citations ? [c.citations] : []);
    }
  });
});
