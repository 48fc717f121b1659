/**
 * Pre-flight token count of a 100,000-token conversation (200 messages), cold (nothing cached)
 * and warm (everything but one new message cached), as medians of several runs.
 * Run: npx tsx bench/preflight-tokens.ts
 */
import { countPromptTokens, type PromptMessage } from '../src/main/core/tokens/count-prompt-tokens';
import { countTextTokens } from '../src/main/core/tokens/count-tokens';
import { createTokenCountCache } from '../src/main/core/tokens/token-count-cache';
import { seededRandom } from '../test/helpers/seeded-random';
import { copyMessages, fakeConversation, fakeText } from '../test/tokens/fake-conversation';

const MODEL = 'gpt-4o';
const MESSAGES = 200;
const CHARS_PER_MESSAGE = 1_980; // tuned so the conversation is about 100,000 o200k tokens
const COLD_RUNS = 7;
const WARM_RUNS = 21;

function timed<T>(run: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const random = seededRandom(2025);
const history = fakeConversation(random, MESSAGES - 1, CHARS_PER_MESSAGE);

const encoderBuild = timed(() => countTextTokens(MODEL, 'build the encoder'));
console.log(`encoder (o200k_base) built on first use: ${encoderBuild.ms.toFixed(0)} ms, once per process`);

// Each run counts fresh string copies, as a pre-flight reading the conversation from SQLite would.
const coldMs: number[] = [];
let total = 0;
for (let run = 0; run < COLD_RUNS; run++) {
  const messages = copyMessages(history);
  const cold = timed(() => countPromptTokens(MODEL, messages, createTokenCountCache(5_000)));
  coldMs.push(cold.ms);
  total = cold.value.tokens;
}

const cache = createTokenCountCache(5_000);
countPromptTokens(MODEL, history, cache);
const warmMs: number[] = [];
for (let run = 0; run < WARM_RUNS; run++) {
  const next: PromptMessage[] = [...copyMessages(history), { role: 'user', content: fakeText(random, CHARS_PER_MESSAGE) }];
  warmMs.push(timed(() => countPromptTokens(MODEL, next, cache)).ms);
}

console.log(`conversation: ${MESSAGES - 1} messages, ${total.toLocaleString('en-US')} prompt tokens, then one new message (${MODEL})`);
console.log(`cold pre-flight (nothing cached): median ${median(coldMs).toFixed(1)} ms of ${COLD_RUNS} runs`);
console.log(`warm pre-flight (one new message): median ${median(warmMs).toFixed(2)} ms of ${WARM_RUNS} runs`);
