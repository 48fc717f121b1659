import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from '../../src/main/core/providers/convert-anthropic-usage';
import { convertGeminiUsage } from '../../src/main/core/providers/convert-gemini-usage';
import { convertOllamaUsage } from '../../src/main/core/providers/convert-ollama-usage';
import { convertOpenAiUsage } from '../../src/main/core/providers/convert-openai-usage';
import { dollarsToNanos } from '../../src/main/core/providers/usage-fields';

describe('usage conversion keeps unknown as undefined and the raw object', () => {
  it('OpenAI: cached and reasoning are parts of input and output', () => {
    const raw = {
      prompt_tokens: 2006,
      completion_tokens: 300,
      total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 192 },
    };
    expect(convertOpenAiUsage(raw)).toStrictEqual({
      inputTokens: 2006,
      outputTokens: 300,
      cachedInputTokens: 1920,
      reasoningTokens: 192,
      raw,
    });
  });

  it('OpenAI-compatible without details: only what was sent', () => {
    const raw = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 };
    expect(convertOpenAiUsage(raw)).toStrictEqual({ inputTokens: 12, outputTokens: 3, raw });
  });

  it('DeepSeek cache hits and OpenRouter cost', () => {
    expect(convertOpenAiUsage({ prompt_tokens: 50, completion_tokens: 5, prompt_cache_hit_tokens: 32, prompt_cache_miss_tokens: 18 }).cachedInputTokens).toBe(32);
    expect(convertOpenAiUsage({ prompt_tokens: 50, completion_tokens: 5, cost: 0.95 }).providerCostNanos).toBe(950_000_000);
  });

  it('reads a float dollar cost to whole nano-dollars and ignores a nonsense one', () => {
    expect(dollarsToNanos(0.1 + 0.2)).toBe(300_000_000);
    expect(dollarsToNanos(0.00001234567891)).toBe(12_346);
    expect(dollarsToNanos(1e-10)).toBe(0);
    expect(dollarsToNanos(-1)).toBeUndefined();
    expect(dollarsToNanos('0.5')).toBeUndefined();
    expect(dollarsToNanos(Number.NaN)).toBeUndefined();
  });

  it('Anthropic: input is input + cache writes + cache reads; message_delta wins', () => {
    const start = { input_tokens: 20, cache_creation_input_tokens: 1000, cache_read_input_tokens: 3000, output_tokens: 1 };
    const delta = { output_tokens: 420 };
    expect(convertAnthropicUsage({ message_start: start, message_delta: delta })).toStrictEqual({
      inputTokens: 4020,
      outputTokens: 420,
      cachedInputTokens: 3000,
      cacheWriteTokens: 1000,
      raw: { message_start: start, message_delta: delta },
    });
  });

  it('Anthropic: null cache fields are unknown, not zero', () => {
    const start = { input_tokens: 20, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 1 };
    expect(convertAnthropicUsage({ message_start: start })).toStrictEqual({ inputTokens: 20, outputTokens: 1, raw: { message_start: start } });
  });

  it('Anthropic: a message_delta that restates input tokens overrides message_start', () => {
    const usage = convertAnthropicUsage({
      message_start: { input_tokens: 0, output_tokens: 1 },
      message_delta: { input_tokens: 15, cache_read_input_tokens: 5, output_tokens: 9 },
    });
    expect(usage.inputTokens).toBe(20);
    expect(usage.cachedInputTokens).toBe(5);
    expect(usage.outputTokens).toBe(9);
  });

  it('Gemini: output is candidates + thoughts; thoughts are the reasoning', () => {
    const raw = { promptTokenCount: 900, candidatesTokenCount: 120, thoughtsTokenCount: 380, cachedContentTokenCount: 512, totalTokenCount: 1400 };
    expect(convertGeminiUsage(raw)).toStrictEqual({
      inputTokens: 900,
      outputTokens: 500,
      cachedInputTokens: 512,
      reasoningTokens: 380,
      raw,
    });
  });

  it('Gemini: a prompt-only interim report has no output', () => {
    const raw = { promptTokenCount: 900, totalTokenCount: 900 };
    expect(convertGeminiUsage(raw)).toStrictEqual({ inputTokens: 900, raw });
  });

  it('Ollama: a fully cached prompt leaves input unknown', () => {
    expect(convertOllamaUsage({ done: true, eval_count: 42, eval_duration: 5 })).toStrictEqual({
      outputTokens: 42,
      raw: { eval_count: 42, eval_duration: 5 },
    });
  });
});
