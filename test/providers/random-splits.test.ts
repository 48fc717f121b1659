import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider, type Scenario } from '../fake-provider';
import { answerFor } from '../fake-provider/answer';
import { splitAtRandom } from '../fake-provider/seeded-split';
import { wireFormats } from '../fake-provider/wire-formats';
import { chat, counts, endpointFor, run } from './helpers';
import type { FakeProtocol } from '../fake-provider/scenario';
import type { ProviderUsage } from '../../src/main/core/providers/provider-types';
import { nanodollars } from '../../src/shared/money';

const TEXT = 'Grüße aus Zürich! 世界は広い 🌍🚀 — naïve café, “quotes”, tabs\tand\nnewlines, \\ back-slashes. '.repeat(6);
const REASONING = 'Let me think: ∑ of 𝔸 and ß… 🤔 done. '.repeat(4);
const SEEDS = Array.from({ length: 50 }, (_, i) => 1000 + i);

interface Case {
  name: string;
  protocol: FakeProtocol;
  displayName?: string;
  scenario: Scenario;
  reasoning: string;
  usage: Omit<ProviderUsage, 'raw'>;
}

const CASES: Case[] = [
  {
    name: 'OpenAI',
    protocol: 'openai',
    scenario: { flavor: 'openai', reasoning: REASONING, usage: { input: 1200, output: 340, cachedInput: 1000, reasoning: 64 } },
    reasoning: '', // OpenAI's chat API does not stream reasoning, it only counts it
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 1000, reasoningTokens: 64 },
  },
  {
    name: 'OpenRouter',
    protocol: 'openai',
    displayName: 'OpenRouter',
    scenario: {
      flavor: 'openrouter',
      reasoning: REASONING,
      usage: { input: 1200, output: 340, cachedInput: 0, reasoning: 64, costUsd: 0.0123 },
    },
    reasoning: REASONING,
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 0, reasoningTokens: 64, providerCostNanos: nanodollars(12_300_000) },
  },
  {
    name: 'DeepSeek',
    protocol: 'openai',
    displayName: 'DeepSeek',
    scenario: { flavor: 'deepseek', reasoning: REASONING, usage: { input: 1200, output: 340, cachedInput: 1100, reasoning: 64 } },
    reasoning: REASONING,
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 1100, reasoningTokens: 64 },
  },
  {
    name: 'Anthropic',
    protocol: 'anthropic',
    scenario: { reasoning: REASONING, usage: { input: 1200, output: 340, cachedInput: 700, cacheWrite: 300 } },
    reasoning: REASONING,
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 700, cacheWriteTokens: 300 },
  },
  {
    name: 'Gemini',
    protocol: 'gemini',
    scenario: { reasoning: REASONING, usage: { input: 1200, output: 340, cachedInput: 500, reasoning: 64 } },
    reasoning: REASONING,
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 500, reasoningTokens: 64 },
  },
  {
    name: 'Ollama',
    protocol: 'ollama',
    scenario: { reasoning: REASONING, usage: { input: 1200, output: 340 } },
    reasoning: REASONING,
    usage: { inputTokens: 1200, outputTokens: 340 },
  },
];

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

it('the seeded splittings do cut inside multi-byte characters and inside "data:"', () => {
  const answer = answerFor('openai', { ...chat(true), stream_options: { include_usage: true } }, 'm', { text: TEXT, deltaChars: 5 });
  const bytes = new TextEncoder().encode(wireFormats.openai.stream(answer).join(''));
  let insideCharacter = 0;
  let insideDataField = 0;
  for (const seed of SEEDS) {
    let at = 0;
    for (const piece of splitAtRandom(bytes, seed, 40)) {
      at += piece.length;
      if (at >= bytes.length) break;
      if (((bytes[at] ?? 0) & 0xc0) === 0x80) insideCharacter++;
      const lineStart = bytes.lastIndexOf(10, at - 1) + 1;
      const cutsField = at > lineStart && at < lineStart + 5;
      if (cutsField && bytes.subarray(lineStart, lineStart + 5).every((b, i) => b === 'data:'.charCodeAt(i))) {
        insideDataField++;
      }
    }
  }
  expect(insideCharacter).toBeGreaterThan(100);
  expect(insideDataField).toBeGreaterThan(10);
});

describe.each(CASES)('$name over loopback HTTP', (c) => {
  const endpoint = () => endpointFor(fake.baseUrl, c.protocol, c.displayName ? { displayName: c.displayName } : {});

  it('gives the same text, reasoning, usage and outcome for 50 random splittings of the stream', async () => {
    for (const seed of SEEDS) {
      fake.enqueue({ ...c.scenario, text: TEXT, deltaChars: 5, split: { seed, maxBytes: 40 } });
      const outcome = await run(endpoint(), chat(true));
      const context = `seed ${seed}`;
      expect(outcome.text, context).toBe(TEXT);
      expect(outcome.reasoning, context).toBe(c.reasoning);
      expect(outcome.terminals, context).toBe(1);
      expect(outcome.terminal.type, context).toBe('finish');
      expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason, context).toBe('stop');
      expect(counts(outcome.terminal.usage), context).toEqual(c.usage);
    }
  });

  it('gives the same answer through the non-streaming path, split at random too', async () => {
    for (const seed of SEEDS.slice(0, 10)) {
      fake.enqueue({ ...c.scenario, text: TEXT, split: { seed, maxBytes: 40 } });
      const outcome = await run(endpoint(), chat(false));
      expect(outcome.text).toBe(TEXT);
      expect(outcome.reasoning).toBe(c.reasoning);
      expect(outcome.parts.filter((p) => p.type === 'text-delta')).toHaveLength(1);
      expect(outcome.terminal.type === 'finish' && outcome.terminal.finishReason).toBe('stop');
      expect(counts(outcome.terminal.usage)).toEqual(c.usage);
    }
  });
});
