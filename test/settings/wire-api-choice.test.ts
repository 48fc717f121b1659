import { describe, expect, it } from 'vitest';
import { wireApiFor } from '../../src/main/core/provider-config/wire-api-choice';

describe('which API a model is called through', () => {
  it.each([
    'o3-pro',
    'o3-pro-2025-06-10',
    'o1-pro',
    'gpt-5-pro',
    'gpt-5.2-pro',
    'gpt-5-codex',
    'gpt-5.1-codex-max',
    'codex-mini-latest',
    'o3-deep-research',
    'o4-mini-deep-research-2025-06-26',
    'computer-use-preview',
  ])('OpenAI\'s Responses-only %s defaults to the Responses API', (model) => {
    expect(wireApiFor('openai', model, undefined)).toBe('responses');
  });

  it.each(['gpt-4o-mini', 'gpt-5', 'gpt-5-mini', 'o3', 'o4-mini', 'gpt-4.1', 'gpt-4o-search-preview'])(
    'OpenAI\'s %s stays on Chat Completions',
    (model) => {
      expect(wireApiFor('openai', model, undefined)).toBe('chat');
    },
  );

  it('the user\'s choice for a model wins over the default', () => {
    expect(wireApiFor('openai', 'gpt-4o', { api: 'responses' })).toBe('responses');
    expect(wireApiFor('openai', 'o3-pro', { api: 'chat' })).toBe('chat');
    expect(wireApiFor('openai-compatible', 'my-model', { api: 'responses' })).toBe('responses');
  });

  it('other servers default to Chat Completions, whatever the model is called', () => {
    expect(wireApiFor('openai-compatible', 'o3-pro', undefined)).toBe('chat');
    expect(wireApiFor('openrouter', 'openai/o3-pro', undefined)).toBe('chat');
  });

  it('kinds with one API keep it, whatever the settings say', () => {
    expect(wireApiFor('xai', 'grok-4', { api: 'responses' })).toBe('chat');
    expect(wireApiFor('anthropic', 'claude-sonnet-4-5', { api: 'responses' })).toBe('chat');
  });
});
