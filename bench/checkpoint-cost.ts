/**
 * The write cost of checkpointing a streaming answer's partial text (RequestLedger.checkpoint) with
 * the app's own database settings (WAL, synchronous=NORMAL): microseconds and WAL bytes per
 * checkpoint for a text of 1 to 20 KB, what that costs per running stream at the default rate
 * (one checkpoint every 2 s) against checkpointing every chunk (200 chunks/s), and the totals for
 * one whole 20 KB answer written either way.
 * Run: npx tsx bench/checkpoint-cost.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../src/main/core/app/create-core';
import { nanodollars } from '../src/shared/money';
import { seededRandom } from '../test/helpers/seeded-random';
import { fakeText } from '../test/tokens/fake-conversation';

const SIZES_KB = [1, 2, 5, 10, 20];
const ROWS = 40;
const ROUNDS = 25;
const DEFAULT_INTERVAL_S = 2;
const CHUNKS_PER_S = 200;
const ANSWER_CHUNKS = 1_000;
const CHUNK_CHARS = 20;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

function openStream(core: Core, id: string): void {
  core.ledger.open({
    id,
    conversationId: null,
    userMessageId: null,
    providerId: 'openai',
    providerKind: 'openai',
    model: 'gpt-4o',
    streamed: true,
    estimatedInputTokens: 2_000,
    reservation: nanodollars(25_000_000),
    startedAt: Date.now(),
    ownerPid: process.pid,
  });
  core.ledger.markStreaming(id, 300);
}

/** WAL bytes appended by `write`, with automatic WAL checkpoints off so none is lost to a reset. */
function walBytesOf(core: Core, write: () => void): number {
  const sqlite = core.store.sqlite;
  const wal = `${core.store.file}-wal`;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('wal_autocheckpoint = 0');
  try {
    const before = statSync(wal).size;
    write();
    return statSync(wal).size - before;
  } finally {
    sqlite.pragma('wal_autocheckpoint = 1000');
  }
}

/**
 * Rewrites rows that hold a text of about this size with the text one chunk longer, as a stream's
 * next checkpoint does. (Rewriting the very same length would be cheaper than real: SQLite then
 * overwrites only the changed pages of the value in place.) Time is measured with automatic WAL
 * checkpoints on, so their occasional cost shows in the p99.
 */
function measureSize(core: Core, ids: string[], text: string, bytes: number): { medianUs: number; p99Us: number; walBytes: number } {
  const variant = (round: number) => text.slice(0, bytes + round * CHUNK_CHARS);
  for (const id of ids) core.ledger.checkpoint(id, variant(0), '', Date.now());
  const walBytes = walBytesOf(core, () => ids.forEach((id) => core.ledger.checkpoint(id, variant(1), '', Date.now()))) / ids.length;
  const us: number[] = [];
  for (let round = 2; round < ROUNDS + 2; round++) {
    const next = variant(round);
    for (const id of ids) {
      const started = process.hrtime.bigint();
      core.ledger.checkpoint(id, next, '', Date.now());
      us.push(Number(process.hrtime.bigint() - started) / 1_000);
    }
  }
  return { medianUs: percentile(us, 50), p99Us: percentile(us, 99), walBytes };
}

/** One answer streamed in ANSWER_CHUNKS chunks, checkpointed every `every` chunks. */
function writeAnswer(core: Core, id: string, text: string, every: number): { ms: number; walBytes: number; checkpoints: number } {
  openStream(core, id);
  let checkpoints = 0;
  let ms = 0;
  const walBytes = walBytesOf(core, () => {
    const started = performance.now();
    for (let chunk = 1; chunk <= ANSWER_CHUNKS; chunk++) {
      if (chunk % every !== 0 && chunk !== ANSWER_CHUNKS) continue;
      core.ledger.checkpoint(id, text.slice(0, chunk * CHUNK_CHARS), '', Date.now());
      checkpoints += 1;
    }
    ms = performance.now() - started;
  });
  return { ms, walBytes, checkpoints };
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tallychat-bench-checkpoint-'));
  const core = createCore({ dataDir, appVersion: 'bench', host: 'cli' });
  try {
    const sqlite = core.store.sqlite;
    console.log(
      `Partial-text checkpoint cost (journal_mode=${String(sqlite.pragma('journal_mode', { simple: true }))}, ` +
        `synchronous=${String(sqlite.pragma('synchronous', { simple: true }))} i.e. NORMAL: no fsync per commit)`,
    );
    console.log(`${ROWS} streaming rows, ${ROUNDS} checkpoints of each per size\n`);
    const ids = Array.from({ length: ROWS }, (_, i) => `stream-${i}`);
    ids.forEach((id) => openStream(core, id));
    const text = fakeText(seededRandom(7), 21 * 1024 + (ROUNDS + 2) * CHUNK_CHARS);

    console.log('  text   median µs  p99 µs  WAL bytes each  every 2 s: CPU, WAL/s per stream  every chunk (200/s): CPU, WAL/s per stream');
    for (const kb of SIZES_KB) {
      const r = measureSize(core, ids, text, kb * 1024);
      const lowRate = `${((r.medianUs / (DEFAULT_INTERVAL_S * 1e6)) * 100).toFixed(4)}% of a core, ${kib(r.walBytes / DEFAULT_INTERVAL_S)}/s`;
      const perChunk = `${(((r.medianUs * CHUNKS_PER_S) / 1e6) * 100).toFixed(2)}% of a core, ${kib(r.walBytes * CHUNKS_PER_S)}/s`;
      console.log(
        `  ${`${kb} KB`.padEnd(6)}${r.medianUs.toFixed(0).padStart(10)}${r.p99Us.toFixed(0).padStart(8)}` +
          `${Math.round(r.walBytes).toLocaleString('en-US').padStart(16)}  ${lowRate.padEnd(34)}${perChunk}`,
      );
    }

    const seconds = ANSWER_CHUNKS / CHUNKS_PER_S;
    console.log(`\n  one ${kib(ANSWER_CHUNKS * CHUNK_CHARS)} answer in ${ANSWER_CHUNKS} chunks (${seconds} s at ${CHUNKS_PER_S} chunks/s):`);
    const perChunk = writeAnswer(core, 'answer-per-chunk', text, 1);
    const lowRate = writeAnswer(core, 'answer-low-rate', text, DEFAULT_INTERVAL_S * CHUNKS_PER_S);
    for (const [label, r] of [['every chunk', perChunk], [`every ${DEFAULT_INTERVAL_S} s`, lowRate]] as const) {
      console.log(`    ${label.padEnd(12)} ${String(r.checkpoints).padStart(5)} checkpoints, ${r.ms.toFixed(1).padStart(7)} ms of writes, ${kib(r.walBytes).padStart(9)} written to the WAL`);
    }
  } finally {
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
