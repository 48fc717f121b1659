import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** A count in one encoding; exact is false when a pathological run had to be counted in chunks. */
export interface EncodedCount {
  readonly tokens: number;
  readonly exact: boolean;
}

/**
 * The rank tables are loaded when an encoder is first built, not with this module: together they
 * are about 14 MB of memory that a process which never counts tokens (a CLI report, an export)
 * should not carry. (Not named `require`: the Electron main bundle declares its own at the top level.)
 */
const requireRanks = createRequire(import.meta.url);
const RANKS: Record<EncodingName, () => TiktokenBPE> = {
  o200k_base: () => requireRanks('js-tiktoken/ranks/o200k_base') as TiktokenBPE,
  cl100k_base: () => requireRanks('js-tiktoken/ranks/cl100k_base') as TiktokenBPE,
};

/** Building an encoder decodes its whole rank table (o200k: about 0.5 s), so each is built once, on first use. */
const encoders = new Map<EncodingName, Tiktoken>();

function encoder(name: EncodingName): Tiktoken {
  let built = encoders.get(name);
  if (built === undefined) {
    built = new Tiktoken(RANKS[name]());
    encoders.set(name, built);
  }
  return built;
}

/**
 * js-tiktoken merges each pre-tokenized piece in time quadratic in its length: one piece of 8,000
 * letters takes 4 s, and a pasted DNA sequence or a long rule of "=" would freeze the main process.
 * A piece can only be that long inside a run of letters, of other non-space symbols, or of white
 * space, so such runs are found first and counted in small chunks (a chunk boundary shifts the
 * count by a token at most, so the count is then no longer exact). 128 characters keeps the
 * longest exactly-merged piece to a few milliseconds.
 */
const LONG_RUN = /[\p{L}\p{M}]{128,}|[^\s\p{L}\p{N}]{128,}|\s{128,}/gu;
const CHUNK = /[\s\S]{1,32}/gu;

export function countInEncoding(name: EncodingName, text: string): EncodedCount {
  const enc = encoder(name);
  // Text that looks like a special token ("<|endoftext|>") is ordinary text in a chat message, as
  // the API counts it: nothing is allowed as special and nothing throws.
  const count = (part: string): number => enc.encode(part, [], []).length;
  let tokens = 0;
  let exact = true;
  let from = 0;
  for (const run of text.matchAll(LONG_RUN)) {
    tokens += count(text.slice(from, run.index));
    for (const chunk of run[0].matchAll(CHUNK)) tokens += count(chunk[0]);
    from = run.index + run[0].length;
    exact = false;
  }
  tokens += count(from === 0 ? text : text.slice(from));
  return { tokens, exact };
}

/**
 * Builds the o200k encoder ahead of need. The first pre-flight would otherwise spend ~0.5 s
 * building it while the user waits on their first estimate; hosts call this once the window
 * (or the browser page) is up and the process is idle.
 */
export function warmUpEncoder(name: EncodingName = 'o200k_base'): void {
  encoder(name);
}
