import { describe, expect, it } from 'vitest';
import { imageRuleVendor } from '../../src/main/core/attachments/image-vendor';
import { modelMaker } from '../../src/main/core/attachments/model-maker';

describe('imageRuleVendor', () => {
  it("prices an image by the vendor's own rule on its own API", () => {
    expect(imageRuleVendor('openai', 'gpt-4o')).toBe('openai');
    expect(imageRuleVendor('anthropic', 'claude-sonnet-4-5')).toBe('anthropic');
    expect(imageRuleVendor('gemini', 'gemini-2.5-flash')).toBe('gemini');
  });

  it("prices by the model's maker on a router or compatible host", () => {
    expect(imageRuleVendor('openrouter', 'anthropic/claude-3.7-sonnet')).toBe('anthropic');
    expect(imageRuleVendor('openrouter', 'google/gemini-2.5-pro')).toBe('gemini');
    expect(imageRuleVendor('openrouter', 'openai/gpt-4o')).toBe('openai');
    expect(imageRuleVendor('openrouter', 'meta-llama/llama-3.2-90b-vision-instruct')).toBe('openai');
    expect(imageRuleVendor('openai-compatible', 'claude-sonnet-4-5')).toBe('anthropic');
    expect(imageRuleVendor('openai-compatible', 'gemini-2.0-flash')).toBe('gemini');
  });

  it("uses OpenAI's rule for vendors that publish none", () => {
    for (const kind of ['xai', 'mistral', 'perplexity', 'ollama'] as const) expect(imageRuleVendor(kind, 'any-model')).toBe('openai');
  });
});

describe('modelMaker', () => {
  it('reads a router prefix, else the family name', () => {
    expect(modelMaker('x-ai/grok-4')).toBe('xai');
    expect(modelMaker('mistralai/pixtral-large-2411')).toBe('mistral');
    expect(modelMaker('Anthropic/Claude-Opus-4')).toBe('anthropic');
    expect(modelMaker('o4-mini')).toBe('openai');
    expect(modelMaker('grok-2-vision-1212')).toBe('xai');
    expect(modelMaker('codestral-latest')).toBe('mistral');
    expect(modelMaker('qwen/qwen2.5-vl-72b-instruct')).toBe('other');
    expect(modelMaker('llava:13b')).toBe('other');
  });
});
