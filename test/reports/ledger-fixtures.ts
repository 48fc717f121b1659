import type Database from 'better-sqlite3';
import { seededRandom } from '../helpers/seeded-random';

/** A final or open ledger row, as the bulk insert below writes it (snake_case columns). */
export interface SeedRow {
  id: string;
  startedAt: number;
  providerId: string;
  model: string;
  status: 'pending' | 'streaming' | 'completed' | 'cancelled' | 'failed' | 'interrupted' | 'refused';
  conversationId?: string | null;
  inputTokens?: number | null;
  cachedInputTokens?: number | null;
  cacheWriteTokens?: number | null;
  outputTokens?: number | null;
  reasoningTokens?: number | null;
  usageSource?: 'provider' | 'estimated' | null;
  /** Null: the price is unknown. */
  cost?: number | null;
  priceInput?: number | null;
  priceOutput?: number | null;
  priceCacheRead?: number | null;
  /** What the provider itself reported the request cost (OpenRouter, xAI, Perplexity). */
  providerCost?: number | null;
  ttftMs?: number | null;
  durationMs?: number | null;
  error?: string | null;
  reserved?: number;
}

/**
 * Writes rows straight into the ledger in one transaction: fast enough for a million rows.
 * Call `ledger.rebuildRollup()` afterwards (the real path keeps the rollup as it finalizes).
 */
export function insertLedgerRows(sqlite: Database.Database, rows: Iterable<SeedRow>): number {
  const insert = sqlite.prepare(`
    INSERT INTO requests (id, conversation_id, provider_id, provider_kind, model, status, streamed, input_tokens,
      cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens, usage_source,
      price_input_usd_nanos_per_mtok, price_output_usd_nanos_per_mtok, price_cache_read_usd_nanos_per_mtok, price_source,
      cost_usd_nanos, provider_cost_usd_nanos, reserved_usd_nanos,
      started_at, ttft_ms, finished_at, duration_ms, error)
    VALUES (@id, @conversationId, @providerId, @providerId, @model, @status, 1, @inputTokens, @cachedInputTokens,
      @cacheWriteTokens, @outputTokens, @reasoningTokens, @usageSource, @priceInput, @priceOutput, @priceCacheRead, @priceSource, @cost, @providerCost,
      @reserved, @startedAt, @ttftMs, @finishedAt, @durationMs, @error)`);
  let count = 0;
  sqlite.transaction(() => {
    for (const row of rows) {
      const open = row.status === 'pending' || row.status === 'streaming';
      insert.run({
        conversationId: null,
        inputTokens: null,
        cachedInputTokens: null,
        cacheWriteTokens: null,
        outputTokens: null,
        reasoningTokens: null,
        usageSource: null,
        cost: null,
        priceInput: null,
        priceOutput: null,
        priceCacheRead: null,
        providerCost: null,
        ttftMs: null,
        durationMs: null,
        error: null,
        ...row,
        priceSource: row.priceInput === undefined || row.priceInput === null ? null : 'test-prices',
        reserved: row.reserved ?? 0,
        finishedAt: open ? null : row.startedAt + (row.durationMs ?? 0),
      });
      count++;
    }
  })();
  return count;
}

export function insertConversation(sqlite: Database.Database, id: string, title: string, at = 0): void {
  sqlite
    .prepare('INSERT INTO conversations (id, title, provider_id, model, created_at, updated_at) VALUES (?, ?, NULL, NULL, ?, ?)')
    .run(id, title, at, at);
}

export const PROVIDERS = ['openai', 'anthropic', 'openrouter'] as const;
export const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4', 'o3', 'gemini-2.5-pro', 'llama-3.3-70b'] as const;
/** Who serves what in randomRows, as in real use (one model mostly through one provider). */
const SERVED: readonly (readonly [string, string])[] = [
  ['openai', 'gpt-4o'],
  ['openai', 'gpt-4o-mini'],
  ['openai', 'o3'],
  ['anthropic', 'claude-sonnet-4'],
  ['openrouter', 'gemini-2.5-pro'],
  ['openrouter', 'llama-3.3-70b'],
  ['openrouter', 'claude-sonnet-4'],
];
const FINAL = ['completed', 'completed', 'completed', 'cancelled', 'failed', 'interrupted', 'refused'] as const;

/**
 * Random final rows between startMs and endMs: every status, prices known and unknown, usage
 * reported and estimated, token parts present and missing. Deterministic for a seed. `ordered`
 * makes start times ascend, as a real ledger is written (rows appended as requests happen).
 */
export function* randomRows(
  seed: number,
  count: number,
  startMs: number,
  endMs: number,
  conversations: string[] = [],
  ordered = false,
): Iterable<SeedRow> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * (max + 1));
  for (let i = 0; i < count; i++) {
    const status = pick(FINAL);
    const startedAt = startMs + Math.floor(ordered ? ((i + random()) * (endMs - startMs)) / count : random() * (endMs - startMs));
    const [providerId, model] = pick(SERVED);
    const base = {
      id: `r${seed}-${String(i).padStart(7, '0')}`,
      startedAt,
      providerId,
      model,
      conversationId: conversations.length && random() < 0.9 ? pick(conversations) : null,
    };
    if (status === 'refused') {
      yield { ...base, status, error: 'Overall monthly cap would be exceeded' };
      continue;
    }
    const input = int(20_000);
    const output = int(4_000);
    const priced = random() < 0.85;
    const priceInput = pick([150_000_000, 2_500_000_000, 3_000_000_000, 18_750_000]);
    const priceOutput = pick([600_000_000, 10_000_000_000, 15_000_000_000]);
    yield {
      ...base,
      status,
      inputTokens: input,
      cachedInputTokens: random() < 0.5 ? int(input) : null,
      cacheWriteTokens: random() < 0.2 ? 0 : null,
      outputTokens: output,
      reasoningTokens: random() < 0.3 ? int(output) : null,
      usageSource: random() < 0.8 ? 'provider' : 'estimated',
      cost: priced ? int(60_000_000) : null,
      priceInput: priced ? priceInput : null,
      priceOutput: priced ? priceOutput : null,
      ttftMs: 100 + int(3_000),
      durationMs: 500 + int(60_000),
      error: status === 'failed' ? pick(['HTTP 500 from provider', '=cmd|" /C calc"!A0', 'stream, cut "early"\nretry']) : null,
    };
  }
}
