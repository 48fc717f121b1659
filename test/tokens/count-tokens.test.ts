import { describe, expect, it } from 'vitest';
import { countTextTokens } from '../../src/main/core/tokens/count-tokens';
import { modelTokenizer } from '../../src/main/core/tokens/model-tokenizer';

describe('countTextTokens on OpenAI encodings', () => {
  it.each([
    ['hello world', 2, 2],
    ['Hello, world!', 4, 4],
    ['The quick brown fox jumps over the lazy dog.', 10, 10],
    // o200k's larger vocabulary shows on Japanese: the count tells the two encodings apart.
    ['こんにちは世界', 2, 4],
    ['def f(x):\n    return x * 2\n', 11, 11],
    ['', 0, 0],
  ])('counts %j exactly: %i on o200k (gpt-4o), %i on cl100k (gpt-4)', (text, o200k, cl100k) => {
    expect(countTextTokens('gpt-4o', text)).toEqual({ tokens: o200k, exact: true });
    expect(countTextTokens('gpt-4', text)).toEqual({ tokens: cl100k, exact: true });
  });

  it('counts special-token text as ordinary text instead of throwing', () => {
    expect(countTextTokens('gpt-4o', '<|endoftext|>')).toEqual({ tokens: 7, exact: true });
  });

  it('counts a pathological run in linear time, marked inexact', () => {
    const started = performance.now();
    // Exactly merged, one piece of 100,000 letters would take minutes in js-tiktoken.
    expect(countTextTokens('gpt-4o', 'a'.repeat(100_000))).toEqual({ tokens: 12_500, exact: false });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(countTextTokens('gpt-4o', `${'a'.repeat(127)} and more`).exact).toBe(true);
    expect(countTextTokens('gpt-4o', `x${'='.repeat(300)}y`).exact).toBe(false);
  });
});

describe('countTextTokens on other families', () => {
  it('scales the o200k count up and says it is an estimate', () => {
    // 10 o200k tokens, × 1.25 for Claude before Opus 4.7, × 1.6 after, × 1.1 for Gemini.
    const text = 'The quick brown fox jumps over the lazy dog.';
    expect(countTextTokens('claude-sonnet-4-5', text)).toEqual({ tokens: 13, exact: false });
    expect(countTextTokens('claude-opus-4-7', text)).toEqual({ tokens: 16, exact: false });
    expect(countTextTokens('gemini-2.5-pro', text)).toEqual({ tokens: 11, exact: false });
  });
});

describe('modelTokenizer', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['o1', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['o4-mini', 'o200k_base'],
    ['openai/gpt-4o', 'o200k_base'],
    ['gpt-oss:20b', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo-2024-04-09', 'cl100k_base'],
    ['gpt-3.5-turbo', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
  ])('counts OpenAI model %s exactly with %s', (model, encoding) => {
    expect(modelTokenizer(model)).toEqual({ encoding, exact: true, perMille: 1000 });
  });

  it.each([
    ['claude-3-5-sonnet-20241022', 1250],
    ['claude-sonnet-4-20250514', 1250],
    ['claude-opus-4-6', 1250],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 1250],
    ['anthropic/claude-sonnet-4.5', 1250],
    ['claude-opus-4-7', 1600],
    ['claude-opus-4.7', 1600],
    ['claude-sonnet-5', 1600],
    ['models/gemini-2.5-flash', 1100],
    ['gemma3:27b', 1100],
    ['llama3.1:8b', 1100],
    ['deepseek-chat', 1100],
    ['qwen2.5-coder:7b', 1100],
    ['mistral-large-latest', 1200],
    ['open-mixtral-8x7b', 1200],
    ['some-new-model', 1250],
  ])('estimates %s at %i per mille of o200k', (model, perMille) => {
    expect(modelTokenizer(model)).toEqual({ encoding: 'o200k_base', exact: false, perMille });
  });
});
