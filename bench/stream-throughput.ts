/**
 * Throughput of the provider stream path on a ~20 MB OpenAI chat stream held in memory, fed in
 * 64 KiB chunks (no network), against JSON.parse alone and the official openai SDK's parser, up to
 * the whole orchestration of one request (ledger row, events, finalize).
 * Run: npx tsx bench/stream-throughput.ts
 */
import { createParser } from 'eventsource-parser';
import { Stream } from 'openai/streaming';
import { openAiChatAdapter } from '../src/main/core/providers/openai-chat-adapter';
import { PartSink } from '../src/main/core/providers/part-sink';
import { createSseEventReader } from '../src/main/core/providers/sse-event-reader';
import { errorContext } from '../src/main/core/providers/error-factory';
import { callProvider } from '../src/main/core/providers/call-provider';
import type { ProviderEndpoint } from '../src/main/core/providers/provider-types';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../src/main/core/app/create-core';

const TARGET_BYTES = 20 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const RUNS = 9;
const WARMUP = 2;

const WORDS = ['the', 'ledger', ' counts', ' every', ' token', ',', ' café', ' naïve', ' 世界', ' 🌍', '\n', ' "quoted"', ' tally'];

/**
 * A realistic stream: role chunk, many one-word content chunks, finish, usage, [DONE]. `padded`:
 * as OpenAI sends them by default, every chunk with `"usage":null` (include_usage) and a random
 * `obfuscation` string that evens out payload sizes; without it, as vLLM, Ollama or DeepSeek send.
 */
function generateStream(padded: boolean): { bytes: Uint8Array; payloads: string[]; expectedChars: number } {
  const padding = (i: number) => (padded ? { usage: null, obfuscation: 'xK9mQ2pL7vR4tZ8w'.slice(0, 4 + (i % 12)) } : {});
  const payloads: string[] = [];
  const head = { id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT', object: 'chat.completion.chunk', created: 1741569952, model: 'gpt-4o-2024-08-06', service_tier: 'default', system_fingerprint: 'fp_fc9f1d7035' };
  payloads.push(JSON.stringify({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }] }));
  let size = 0;
  let expectedChars = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const content = WORDS[i % WORDS.length] ?? '';
    expectedChars += content.length;
    const payload = JSON.stringify({ ...head, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], ...padding(i) });
    payloads.push(payload);
    size += payload.length + 8;
  }
  payloads.push(JSON.stringify({ ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] }));
  payloads.push(JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: 19, completion_tokens: payloads.length, total_tokens: 19 + payloads.length, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } } }));
  const text = `${payloads.map((p) => `data: ${p}\n\n`).join('')}data: [DONE]\n\n`;
  return { bytes: new TextEncoder().encode(text), payloads, expectedChars };
}

function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) chunks.push(bytes.subarray(at, at + CHUNK_BYTES));
  return chunks;
}

function readableOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
}

interface ChunkLike {
  choices?: Array<{ delta?: { content?: string | null } }>;
}

/** (a) JSON.parse of each data payload, already cut out: the floor any parser pays. */
function jsonParseOnly(payloads: string[]): number {
  let chars = 0;
  for (const payload of payloads) {
    const chunk = JSON.parse(payload) as ChunkLike;
    chars += chunk.choices?.[0]?.delta?.content?.length ?? 0;
  }
  return chars;
}

/** (a2) Bare eventsource-parser + JSON.parse: the string-level SSE parser our byte-level reader replaced, without an adapter. */
function bareParserAndJsonParse(chunks: Uint8Array[]): number {
  const decoder = new TextDecoder();
  let chars = 0;
  const parser = createParser({
    onEvent(event) {
      if (event.data === '[DONE]') return;
      chars += (JSON.parse(event.data) as ChunkLike).choices?.[0]?.delta?.content?.length ?? 0;
    },
  });
  for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
  return chars;
}

/** (b) The openai SDK's SSE decoder and JSON parse, as its streaming client uses them. */
async function openAiSdk(chunks: Uint8Array[]): Promise<number> {
  const response = new Response(readableOf(chunks), { headers: { 'content-type': 'text/event-stream' } });
  let chars = 0;
  for await (const chunk of Stream.fromSSEResponse<ChunkLike>(response, new AbortController())) {
    chars += chunk.choices?.[0]?.delta?.content?.length ?? 0;
  }
  return chars;
}

const endpoint: ProviderEndpoint = { kind: 'openai', displayName: 'OpenAI', baseUrl: 'http://bench.invalid/v1' };

/** (c) Our SSE reader and OpenAI adapter, one batch of parts per 64 KiB chunk. */
function ourReaderAndAdapter(chunks: Uint8Array[]): number {
  const sink = new PartSink(errorContext(endpoint));
  const session = openAiChatAdapter('openai').openSession(sink, { stream: true, usageRequested: true });
  // Wired as body-pump.ts wires them: events the session can read from their bytes go that way.
  const reader = createSseEventReader({
    onEvent: (data, event) => session.onEvent(data, event),
    onOversized: () => {
      throw new Error('oversized');
    },
    onDataBytes: (bytes, start, end) => session.onEventBytes?.(bytes, start, end) ?? false,
  });
  let chars = 0;
  for (const chunk of chunks) {
    reader.push(chunk);
    for (const part of sink.drain()) if (part.type === 'text-delta') chars += part.text.length;
  }
  reader.end();
  if (sink.terminal?.type !== 'finish') throw new Error(`stream did not finish: ${JSON.stringify(sink.terminal)}`);
  return chars;
}

/** (d) The whole callProvider path (async generator, timers, abort plumbing) over an in-memory fetch. */
async function fullCallProvider(chunks: Uint8Array[]): Promise<number> {
  const fetchFromMemory: typeof fetch = async () => new Response(readableOf(chunks), { headers: { 'content-type': 'text/event-stream' } });
  let chars = 0;
  const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hi' }], stream: true };
  for await (const part of callProvider(endpoint, request, { fetch: fetchFromMemory })) {
    if (part.type === 'text-delta') chars += part.text.length;
    else if (part.type === 'error') throw part.error;
  }
  return chars;
}

/**
 * (e) The whole request as the app runs it: pre-flight, the ledger row, callProvider, coalesced
 * delta events, checkpoints, and the finalize transaction with the assistant message. The core
 * is opened once, outside the timing, as the app does at start-up.
 */
const benchDataDir = mkdtempSync(join(tmpdir(), 'tallychat-bench-'));
let currentChunks: Uint8Array[] = [];
const core = createCore({
  dataDir: benchDataDir,
  appVersion: 'bench',
  host: 'cli',
  callOptions: { fetch: async () => new Response(readableOf(currentChunks), { headers: { 'content-type': 'text/event-stream' } }) },
});
core.providers.save({
  id: 'bench', kind: 'openai-compatible', name: 'Bench', baseUrl: 'http://bench.invalid/v1', keyRef: null, keyLast4: null,
  enabledModels: [], modelSettings: {}, createdAt: 0, updatedAt: 0,
});
let deltaEvents = 0;
core.events.subscribe((event) => {
  if (event.type === 'chat.delta') deltaEvents += 1;
});

async function fullOrchestration(chunks: Uint8Array[]): Promise<number> {
  currentChunks = chunks;
  deltaEvents = 0;
  const started = await core.chat.send({ providerId: 'bench', model: 'gpt-4o', text: 'hi' });
  const finished = await started.done;
  if (finished.status !== 'completed' || deltaEvents === 0) throw new Error(`orchestration ended ${finished.status}: ${finished.error}`);
  return finished.text.length;
}

interface Path {
  name: string;
  work: () => number | Promise<number>;
}

interface Result {
  name: string;
  medianMs: number;
  /** This path's throughput over (a)'s, one figure per round: median, min, max. */
  vsFloor: Spread;
  vsSdk: Spread;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, min: sorted[0] ?? Number.NaN, max: sorted[sorted.length - 1] ?? Number.NaN };
}

/**
 * Every round times every path once, in an order that rotates from round to round, and each
 * path's ratio to the floor is taken within its round: on a machine whose load comes and goes,
 * a path and its yardstick then meet the same load, and no path always follows the same one
 * (whose garbage it would collect).
 */
async function measure(paths: Path[], expected: number): Promise<Result[]> {
  const times = paths.map(() => [] as number[]);
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (let k = 0; k < paths.length; k++) {
      const index = (k + round) % paths.length;
      const path = paths[index];
      if (!path) continue;
      const started = performance.now();
      const chars = await path.work();
      const elapsed = performance.now() - started;
      if (chars !== expected) throw new Error(`${path.name} read ${chars} characters, expected ${expected}`);
      if (round >= WARMUP) times[index]?.push(elapsed);
    }
  }
  const [floorTimes = [], , sdkTimes = []] = times;
  return paths.map((path, index) => {
    const own = times[index] ?? [];
    return {
      name: path.name,
      medianMs: spread(own).median,
      vsFloor: spread(own.map((ms, round) => (floorTimes[round] ?? Number.NaN) / ms)),
      vsSdk: spread(own.map((ms, round) => (sdkTimes[round] ?? Number.NaN) / ms)),
    };
  });
}

const ratio = (s: Spread) => `${s.median.toFixed(2)}× [${s.min.toFixed(2)}–${s.max.toFixed(2)}]`;

for (const padded of [false, true]) {
  const { bytes, payloads, expectedChars } = generateStream(padded);
  const chunks = chunksOf(bytes);
  const events = payloads.length + 1;
  console.log(
    `\n${padded ? "OpenAI's default chunks (usage:null, random obfuscation padding)" : 'uniform chunks (as vLLM, Ollama, DeepSeek send)'}: ` +
      `${(bytes.length / 1e6).toFixed(1)} MB, ${events} events, ${chunks.length} chunks of 64 KiB; ${RUNS} rounds after ${WARMUP} warm-up, every path once a round`,
  );
  // (a) must stay first and (b) third: they are the yardsticks the ratios divide by.
  const results = await measure(
    [
      { name: '(a) JSON.parse of each data line alone', work: () => jsonParseOnly(payloads) },
      { name: '(a2) eventsource-parser + JSON.parse, no adapter', work: () => bareParserAndJsonParse(chunks) },
      { name: '(b) openai SDK Stream.fromSSEResponse', work: () => openAiSdk(chunks) },
      { name: '(c) our SSE reader + OpenAI adapter', work: () => ourReaderAndAdapter(chunks) },
      { name: '(d) callProvider end to end (in-memory fetch)', work: () => fullCallProvider(chunks) },
      { name: '(e) + orchestration: pre-flight, ledger, events', work: () => fullOrchestration(chunks) },
    ],
    expectedChars,
  );
  console.log('Ratios are throughput over the yardstick timed in the same round: median of the rounds [min–max].');
  console.log(`${'path'.padEnd(48)}${'median ms'.padStart(10)}${'MB/s'.padStart(9)}${'events/s'.padStart(12)}${'vs JSON.parse'.padStart(22)}${'vs SDK'.padStart(22)}`);
  for (const r of results) {
    const mbs = bytes.length / 1e6 / (r.medianMs / 1000);
    const eps = events / (r.medianMs / 1000);
    console.log(
      `${r.name.padEnd(48)}${r.medianMs.toFixed(1).padStart(10)}${mbs.toFixed(0).padStart(9)}${Math.round(eps).toLocaleString('en-US').padStart(12)}${ratio(r.vsFloor).padStart(22)}${ratio(r.vsSdk).padStart(22)}`,
    );
  }
}

await core.close();
rmSync(benchDataDir, { recursive: true, force: true });
