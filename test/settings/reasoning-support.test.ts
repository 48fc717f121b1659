import { describe, expect, it } from 'vitest';
import { reasoningControlFor } from '../../src/main/core/provider-config/reasoning-support';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';

describe('which models take which thinking control', () => {
  it.each<[ProviderKind, string, ReturnType<typeof reasoningControlFor>]>([
    ['openai', 'gpt-5', { type: 'effort', efforts: ['minimal', 'low', 'medium', 'high'] }],
    ['openai', 'gpt-5-mini-2025-08-07', { type: 'effort', efforts: ['minimal', 'low', 'medium', 'high'] }],
    ['openai', 'gpt-5.1', { type: 'effort', efforts: ['low', 'medium', 'high'] }],
    ['openai', 'gpt-5-pro', { type: 'effort', efforts: ['high'] }],
    ['openai', 'o4-mini', { type: 'effort', efforts: ['low', 'medium', 'high'] }],
    ['openai', 'gpt-5-chat-latest', { type: 'none' }],
    ['openai', 'gpt-4o', { type: 'none' }],
    ['xai', 'grok-3-mini', { type: 'effort', efforts: ['low', 'high'] }],
    ['xai', 'grok-4', { type: 'none' }],
    ['openrouter', 'anthropic/claude-sonnet-4.5', { type: 'effort', efforts: ['low', 'medium', 'high'] }],
    ['openrouter', 'meta-llama/llama-3.3-70b-instruct', { type: 'none' }],
    ['anthropic', 'claude-sonnet-4-5-20250929', { type: 'budget', minBudget: 1024, maxBudget: 64_000 }],
    ['anthropic', 'claude-opus-4-1', { type: 'budget', minBudget: 1024, maxBudget: 32_000 }],
    ['anthropic', 'claude-3-5-haiku-latest', { type: 'none' }],
    ['gemini', 'models/gemini-2.5-pro', { type: 'budget', minBudget: 128, maxBudget: 32_768 }],
    ['gemini', 'gemini-2.5-flash-lite', { type: 'budget', minBudget: 512, maxBudget: 24_576 }],
    ['gemini', 'gemini-3-pro-preview', { type: 'effort', efforts: ['low', 'high'] }],
    ['gemini', 'gemini-2.0-flash', { type: 'none' }],
    ['mistral', 'magistral-medium-latest', { type: 'none' }],
    ['openai-compatible', 'o3', { type: 'none' }],
  ])('%s %s', (kind, model, control) => {
    expect(reasoningControlFor(kind, model)).toEqual(control);
  });
});
