import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { EncodedCount, EncodingName } from './encodings';
import type { TokenCountCache } from './token-count-cache';

/**
 * Texts shorter than this are tokenized again rather than stored: a few hundred characters take
 * microseconds, and roles ("user") and short replies would only fill the table.
 */
const MIN_STORED_CHARS = 256;

/**
 * A token count cache that keeps what it learns in the database (`token_counts`), in front of an
 * in-memory one. A count is stored the first time pre-flight tokenizes a text, so after a restart
 * a 100,000-token conversation is a few hundred primary-key reads instead of 100,000 tokens of
 * BPE; messages written before this table existed are stored the first time they are counted.
 * Texts are keyed by SHA-256, where a collision cannot happen in practice.
 */
export function createStoredTokenCountCache(sqlite: Database.Database, memory: TokenCountCache): TokenCountCache {
  const read = sqlite.prepare<[string, Buffer], { tokens: number; exact: number }>(
    'SELECT tokens, exact FROM token_counts WHERE encoding = ? AND text_sha256 = ?',
  );
  const write = sqlite.prepare<[string, Buffer, number, number]>(
    'INSERT INTO token_counts (encoding, text_sha256, tokens, exact) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const sha256 = (text: string) => createHash('sha256').update(text).digest();
  return {
    get(encoding: EncodingName, text: string): EncodedCount | undefined {
      const known = memory.get(encoding, text);
      if (known !== undefined || text.length < MIN_STORED_CHARS) return known;
      const row = read.get(encoding, sha256(text));
      if (row === undefined) return undefined;
      const count = { tokens: row.tokens, exact: row.exact === 1 };
      memory.set(encoding, text, count);
      return count;
    },
    set(encoding: EncodingName, text: string, count: EncodedCount): void {
      memory.set(encoding, text, count);
      if (text.length >= MIN_STORED_CHARS) write.run(encoding, sha256(text), count.tokens, count.exact ? 1 : 0);
    },
    get size() {
      return memory.size;
    },
  };
}
