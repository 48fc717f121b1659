import { describe, expect, it } from 'vitest';
import { countPromptTokens } from '../../src/main/core/tokens/count-prompt-tokens';

describe('countPromptTokens', () => {
  it("adds OpenAI's chat overhead: 3 per message beside its role and content, 3 to prime the reply", () => {
    const messages = [
      { role: 'system', content: 'You are a helpful assistant.' }, // 3 + 1 + 6
      { role: 'user', content: 'hello world' }, // 3 + 1 + 2
    ];
    expect(countPromptTokens('gpt-4o', messages)).toEqual({ tokens: 19, exact: true });
  });

  it('counts an empty conversation as the reply priming alone', () => {
    expect(countPromptTokens('gpt-4o', [])).toEqual({ tokens: 3, exact: true });
  });

  it('is an estimate for a model whose tokenizer we do not have', () => {
    const result = countPromptTokens('claude-sonnet-4-5', [{ role: 'user', content: 'hello world' }]);
    // 3 + ceil(1 × 1.25) + ceil(2 × 1.25) + 3.
    expect(result).toEqual({ tokens: 11, exact: false });
  });

  it('is inexact when one message holds a run too long to merge exactly', () => {
    const messages = [
      { role: 'user', content: 'hello' },
      { role: 'user', content: '-'.repeat(500) },
    ];
    expect(countPromptTokens('gpt-4o', messages).exact).toBe(false);
  });
});
