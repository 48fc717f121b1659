import { describe, expect, it } from 'vitest';
import { countPromptTokens, type PromptMessage } from '../../src/main/core/tokens/count-prompt-tokens';
import { countTextTokens } from '../../src/main/core/tokens/count-tokens';
import { createTokenCountCache } from '../../src/main/core/tokens/token-count-cache';
import { seededRandom } from '../helpers/seeded-random';
import { copyMessages, fakeConversation, fakeText } from './fake-conversation';

type Edit = (messages: PromptMessage[], random: () => number) => void;

const pick = (random: () => number, length: number): number => Math.floor(random() * length);

const EDITS: Edit[] = [
  // A new turn: the common case the cache exists for.
  (m, r) => m.push({ role: m.length % 2 === 0 ? 'user' : 'assistant', content: fakeText(r, 1 + pick(r, 800)) }),
  // An edit that keeps the length: a key of message id and length would reuse a wrong count.
  (m, r) => {
    const i = pick(r, m.length);
    const old = m[i];
    if (old === undefined || old.content.length === 0) return;
    const at = pick(r, old.content.length);
    const swapped = old.content[at] === 'x' ? 'y' : 'x';
    m[i] = { role: old.role, content: old.content.slice(0, at) + swapped + old.content.slice(at + 1) };
  },
  (m, r) => {
    const i = pick(r, m.length);
    const old = m[i];
    if (old !== undefined) m[i] = { role: old.role, content: old.content + fakeText(r, 20) };
  },
  (m, r) => void m.splice(pick(r, m.length), 1),
  (m, r) => void m.splice(pick(r, m.length + 1), 0, { role: 'system', content: fakeText(r, 100) }),
  (m) => void m.reverse(),
];

describe('the token count cache', () => {
  it.each([
    ['gpt-4o', 1000],
    ['gpt-4', 1000],
    ['claude-sonnet-4-5', 1000],
    // A cache far too small for the conversation: evictions must not change a count.
    ['gpt-4o', 3],
  ])('gives %s the same counts as a cold count through random edits (max %i entries)', (model, maxEntries) => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seededRandom(seed);
      const cache = createTokenCountCache(maxEntries);
      const messages = fakeConversation(random, 1 + pick(random, 20), 300);
      for (let step = 0; step < 40; step++) {
        EDITS[pick(random, EDITS.length)]?.(messages, random);
        expect(countPromptTokens(model, copyMessages(messages), cache), `seed ${seed}, step ${step}`).toEqual(
          countPromptTokens(model, messages),
        );
        expect(cache.size).toBeLessThanOrEqual(maxEntries);
      }
    }
  });

  it('keeps encodings apart', () => {
    const cache = createTokenCountCache(10);
    expect(countTextTokens('gpt-4', 'こんにちは世界', cache).tokens).toBe(4);
    expect(countTextTokens('gpt-4o', 'こんにちは世界', cache).tokens).toBe(2);
  });

  it('makes the pre-flight of a long conversation with one new message much faster', () => {
    const random = seededRandom(42);
    const history = fakeConversation(random, 60, 2_000); // about 30,000 tokens
    const next = [...history, { role: 'user', content: fakeText(random, 2_000) }];
    countTextTokens('gpt-4o', 'warm the encoder up');

    const cache = createTokenCountCache(1000);
    let started = performance.now();
    const cold = countPromptTokens('gpt-4o', history, cache);
    const coldMs = performance.now() - started;

    started = performance.now();
    const warm = countPromptTokens('gpt-4o', copyMessages(next), cache);
    const warmMs = performance.now() - started;

    expect(cold.tokens).toBeGreaterThan(25_000);
    expect(warm).toEqual(countPromptTokens('gpt-4o', next));
    expect(warmMs * 5).toBeLessThan(coldMs);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createTokenCountCache(0)).toThrow(RangeError);
    expect(() => createTokenCountCache(1.5)).toThrow(RangeError);
  });
});
