import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { countPromptTokens } from '../../src/main/core/tokens/count-prompt-tokens';
import { countInEncoding } from '../../src/main/core/tokens/encodings';
import { createStoredTokenCountCache } from '../../src/main/core/tokens/stored-token-counts';
import { createTokenCountCache } from '../../src/main/core/tokens/token-count-cache';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { fakeConversation } from './fake-conversation';

const tempDir = useTempDir();
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function open(file: string) {
  const store = openStore({ file });
  stores.push(store);
  return store;
}

describe('token counts stored in the database', () => {
  it('a restarted process reads the counts back instead of tokenizing, and they are the same counts', () => {
    const file = join(tempDir(), 'ledger.sqlite');
    const conversation = fakeConversation(seededRandom(3), 40, 1_500);
    const first = open(file);
    const before = countPromptTokens('gpt-4o', conversation, createStoredTokenCountCache(first.sqlite, createTokenCountCache(100)));
    const stored = first.sqlite.prepare('SELECT COUNT(*) FROM token_counts').pluck().get() as number;
    // Every message of 256 characters or more, once per text (roles and short texts are not stored).
    expect(stored).toBe(new Set(conversation.filter((m) => m.content.length >= 256).map((m) => m.content)).size);
    first.close();
    stores.length = 0;

    const second = open(file);
    const memory = createTokenCountCache(100);
    const cache = createStoredTokenCountCache(second.sqlite, memory);
    const long = conversation.find((m) => m.content.length >= 256)!.content;
    expect(cache.get('o200k_base', long)).toEqual(countInEncoding('o200k_base', long));
    expect(cache.get('cl100k_base', long)).toBeUndefined();
    expect(countPromptTokens('gpt-4o', conversation, cache)).toEqual(before);
    expect(countPromptTokens('gpt-4o', conversation)).toEqual(before);
  });

  it('a stored count is the one for its own encoding and text, not a neighbour’s', () => {
    const store = open(join(tempDir(), 'ledger.sqlite'));
    const cache = createStoredTokenCountCache(store.sqlite, createTokenCountCache(2));
    const a = 'x'.repeat(300);
    const b = `${'x'.repeat(299)}y`;
    cache.set('o200k_base', a, { tokens: 11, exact: true });
    cache.set('cl100k_base', a, { tokens: 22, exact: false });
    const fresh = createStoredTokenCountCache(store.sqlite, createTokenCountCache(2));
    expect(fresh.get('o200k_base', a)).toEqual({ tokens: 11, exact: true });
    expect(fresh.get('cl100k_base', a)).toEqual({ tokens: 22, exact: false });
    expect(fresh.get('o200k_base', b)).toBeUndefined();
  });
});
