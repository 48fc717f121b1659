import type { EncodedCount, EncodingName } from './encodings';

/**
 * Remembers the counts of texts already tokenized, so the pre-flight of a long conversation only
 * tokenizes what is new. Counts are per encoding, before any family factor, so every model that
 * shares an encoding shares the entries.
 */
export interface TokenCountCache {
  get(encoding: EncodingName, text: string): EncodedCount | undefined;
  set(encoding: EncodingName, text: string, count: EncodedCount): void;
  readonly size: number;
}

/**
 * An LRU of at most maxEntries texts. The key is the text itself (after the encoding's name), not
 * a message id and length nor a hash: an edit that keeps the length, or a collision, would
 * silently reuse a wrong count. Looking up a string costs one hash and one comparison over its
 * characters, a fraction of a millisecond for a 100,000-token conversation, where tokenizing
 * costs about a hundred. Memory is the texts' size (the cache keeps its own copy of each key).
 */
export function createTokenCountCache(maxEntries: number): TokenCountCache {
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const entries = new Map<string, EncodedCount>();
  // Encoding names contain no ':', so the first ':' ends the name and no two keys can clash.
  const keyOf = (encoding: EncodingName, text: string): string => `${encoding}:${text}`;
  return {
    get(encoding, text) {
      const key = keyOf(encoding, text);
      const found = entries.get(key);
      if (found !== undefined) {
        // Re-inserting moves the entry to the young end of the Map's insertion order.
        entries.delete(key);
        entries.set(key, found);
      }
      return found;
    },
    set(encoding, text, count) {
      const key = keyOf(encoding, text);
      entries.delete(key);
      entries.set(key, count);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
