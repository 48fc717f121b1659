/**
 * The ledger's hot reads at 1,000,000 rows: month-to-date spend and cap status (read from the
 * ledger's indexed range), the dashboard's per-model and per-day sums (read from the daily
 * rollup), the same in the pathological case of all rows in one month, and pre-flight of a
 * 100,000-token conversation through ChatService.estimate against a provider on the fake server.
 * Medians of several runs after one warm-up; a temp database, removed at the end.
 * Run: npx tsx bench/ledger-queries.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createCore, type Core } from '../src/main/core/app/create-core';
import type { Budget } from '../src/main/core/budgets/budget-store';
import { capStatus } from '../src/main/core/budgets/cap-status';
import { sumSpend } from '../src/main/core/ledger/ledger-sums';
import { computeCost } from '../src/main/core/pricing/compute-cost';
import { findCatalogPrice, type UnitPrices } from '../src/main/core/pricing/catalog-prices';
import type { ProviderKind } from '../src/main/core/providers/provider-types';
import { EnvironmentSecretStore } from '../src/main/core/secrets/secret-store';
import { countTextTokens } from '../src/main/core/tokens/count-tokens';
import { localDayKey, monthRangeAt, startOfLocalDay, type MonthRange } from '../src/main/core/time/zoned-calendar';
import { nanodollars } from '../src/shared/money';
import { startFakeProvider } from '../test/fake-provider';
import { seededRandom } from '../test/helpers/seeded-random';
import { fakeConversation, fakeText } from '../test/tokens/fake-conversation';

const ROWS = 1_000_000;
const BATCH = 50_000;
const RUNS = 15;
const TIME_ZONE = 'Europe/Paris';
const TARGET_QUERY_MS = 20;
const TARGET_PREFLIGHT_MS = 50;
const DAY_MS = 86_400_000;

/** Who gets called how often: a heavy OpenAI and Anthropic user with some Gemini, OpenRouter and a local model. */
const MIX: { providerId: string; kind: ProviderKind; model: string; weight: number }[] = [
  { providerId: 'openai', kind: 'openai', model: 'gpt-4o-mini', weight: 30 },
  { providerId: 'openai', kind: 'openai', model: 'gpt-4o', weight: 15 },
  { providerId: 'openai', kind: 'openai', model: 'o3-mini', weight: 5 },
  { providerId: 'anthropic', kind: 'anthropic', model: 'claude-sonnet-4-5', weight: 20 },
  { providerId: 'anthropic', kind: 'anthropic', model: 'claude-haiku-4-5', weight: 8 },
  { providerId: 'gemini', kind: 'gemini', model: 'gemini-2.5-pro', weight: 6 },
  { providerId: 'gemini', kind: 'gemini', model: 'gemini-2.5-flash', weight: 6 },
  { providerId: 'openrouter', kind: 'openrouter', model: 'deepseek/deepseek-chat', weight: 4 },
  { providerId: 'ollama', kind: 'ollama', model: 'llama3.2', weight: 5 },
  { providerId: 'openai-compatible', kind: 'openai-compatible', model: 'house-model-7b', weight: 1 }, // price unknown
];
const STATUSES: { status: string; weight: number }[] = [
  { status: 'completed', weight: 900 },
  { status: 'cancelled', weight: 30 },
  { status: 'failed', weight: 30 },
  { status: 'refused', weight: 30 },
  { status: 'interrupted', weight: 10 },
];

function pick<T extends { weight: number }>(items: readonly T[], random: () => number): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let left = random() * total;
  for (const item of items) if ((left -= item.weight) < 0) return item;
  return items[items.length - 1]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeRuns(run: () => unknown, runs = RUNS): number {
  run(); // warm-up: statement preparation and the page cache
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

function report(label: string, ms: number, targetMs: number): void {
  const verdict = ms < targetMs ? 'ok' : `MISSES the ${targetMs} ms target`;
  console.log(`  ${label.padEnd(58)} ${ms.toFixed(2).padStart(8)} ms  ${verdict}`);
}

function plan(sqlite: Database.Database, sql: string, params: Record<string, unknown>): string {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[];
  return rows.map((r) => `      ${r.detail}`).join('\n');
}

/** Bulk-inserts ledger rows in chronological order (as the app appends them), BATCH per transaction. */
function fillLedger(core: Core, startMs: number, endMs: number, rows: number, seed: number): void {
  const random = seededRandom(seed);
  const prices = new Map<string, UnitPrices | undefined>(
    MIX.map((m) => [m.model, findCatalogPrice(m.kind, m.model, new Date(endMs))?.prices]),
  );
  const insert = core.store.sqlite.prepare(`
    INSERT INTO requests (id, conversation_id, provider_id, provider_kind, model, status, streamed, input_tokens,
      output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, usage_source, price_input_usd_nanos_per_mtok,
      price_output_usd_nanos_per_mtok, price_source, cost_usd_nanos, reserved_usd_nanos, estimated_input_tokens,
      started_at, ttft_ms, finished_at, duration_ms, finish_reason, error)
    VALUES (@id, @conversationId, @providerId, @kind, @model, @status, 1, @input, @output, @cached, 0, NULL, @usageSource,
      @priceInput, @priceOutput, @priceSource, @cost, 0, @input, @startedAt, 400, @finishedAt, @durationMs, @finishReason, @error)`);
  const span = endMs - startMs;
  const insertBatch = core.store.sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const mix = pick(MIX, random);
      const { status } = pick(STATUSES, random);
      const startedAt = startMs + Math.floor(((i + random()) / rows) * span);
      const refused = status === 'refused';
      const input = refused ? null : 200 + Math.floor(random() ** 3 * 30_000);
      const output = refused ? null : 20 + Math.floor(random() ** 2 * 2_000);
      const cached = input === null ? null : Math.floor(input * random() * 0.5);
      const price = prices.get(mix.model);
      const cost =
        input === null || output === null || price === undefined
          ? null
          : computeCost({ inputTokens: input, outputTokens: output, cachedInputTokens: cached ?? 0 }, price).total;
      insert.run({
        id: randomUUID(),
        conversationId: `conv-${Math.floor(random() * 20_000)}`,
        providerId: mix.providerId,
        kind: mix.kind,
        model: mix.model,
        status,
        input,
        output,
        cached,
        usageSource: refused ? null : status === 'interrupted' ? 'estimated' : 'provider',
        priceInput: cost === null ? null : price!.input,
        priceOutput: cost === null ? null : price!.output,
        priceSource: cost === null ? null : mix.kind === 'ollama' ? 'local' : 'genai-prices@bench',
        cost,
        startedAt,
        finishedAt: startedAt + 3_000,
        durationMs: 3_000,
        finishReason: status === 'completed' ? 'stop' : null,
        error: status === 'failed' ? 'HTTP 529 overloaded' : refused ? 'Overall monthly cap would be exceeded' : null,
      });
    }
  });
  for (let from = 0; from < rows; from += BATCH) insertBatch(from, Math.min(rows, from + BATCH));
  // A few answers streaming right now, owned by a live process (the parent shell), so their
  // reservations count and start-up recovery leaves them open.
  const open = core.store.sqlite.prepare(`
    INSERT INTO requests (id, provider_id, provider_kind, model, status, streamed, reserved_usd_nanos, estimated_input_tokens, started_at, owner_pid)
    VALUES (?, 'openai', 'openai', 'gpt-4o', 'streaming', 1, 2500000, 900, ?, ?)`);
  for (let i = 0; i < 3; i++) open.run(randomUUID(), endMs - i * 1000, process.ppid);
}

function openBenchCore(dataDir: string): Core {
  return createCore({
    dataDir,
    appVersion: 'bench',
    host: 'cli',
    secrets: new EnvironmentSecretStore({ BENCH_OPENAI_KEY: 'sk-bench' }),
  });
}

function buildDatabase(label: string, startMs: number, endMs: number, seed: number): { dataDir: string; core: Core } {
  const dataDir = mkdtempSync(join(tmpdir(), 'tallychat-bench-'));
  const core = openBenchCore(dataDir);
  core.settings.set('timeZone', TIME_ZONE);
  let started = performance.now();
  fillLedger(core, startMs, endMs, ROWS, seed);
  console.log(`${label}: inserted ${ROWS.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  core.ledger.rebuildRollup();
  const rollupRows = (core.store.sqlite.prepare('SELECT count(*) AS n FROM usage_daily_rollup').get() as { n: number }).n;
  console.log(`  rollup rebuilt (${rollupRows.toLocaleString('en-US')} day × provider × model × status rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { dataDir, core };
}

const BY_MODEL = `
  SELECT provider_id, model, SUM(requests) AS requests, SUM(input_tokens) AS input, SUM(output_tokens) AS output,
    SUM(cost_usd_nanos) AS cost, SUM(unpriced_requests) AS unpriced
  FROM usage_daily_rollup WHERE day >= @from AND day < @to GROUP BY provider_id, model ORDER BY cost DESC`;
const BY_MODEL_ALL_TIME = `
  SELECT provider_id, model, SUM(requests) AS requests, SUM(input_tokens) AS input, SUM(output_tokens) AS output,
    SUM(cost_usd_nanos) AS cost, SUM(unpriced_requests) AS unpriced
  FROM usage_daily_rollup GROUP BY provider_id, model ORDER BY cost DESC`;
const BY_DAY = `
  SELECT day, SUM(requests) AS requests, SUM(cost_usd_nanos) AS cost
  FROM usage_daily_rollup WHERE day >= @from AND day < @to GROUP BY day ORDER BY day`;
const LEDGER_BY_MODEL = `
  SELECT provider_id, model, COUNT(*) AS requests, SUM(cost_usd_nanos) AS cost
  FROM requests WHERE started_at >= @startMs AND started_at < @endMs GROUP BY provider_id, model`;
const MONTH_SUM = `
  SELECT COALESCE(SUM(CASE WHEN status IN ('pending', 'streaming') THEN 0 ELSE cost_usd_nanos END), 0) AS spent,
    COALESCE(SUM(CASE WHEN status IN ('pending', 'streaming') THEN reserved_usd_nanos ELSE 0 END), 0) AS reserved
  FROM requests WHERE started_at >= @startMs AND started_at < @endMs`;

const budget = (scope: Budget['scope'], scopeValue: string): Budget => ({
  id: `bench-${scope}`,
  scope,
  scopeValue,
  monthlyCap: nanodollars(20_000_000_000_000),
  warnAtPercent: 80,
  strict: false,
});

function benchQueries(core: Core, month: MonthRange, now: number, showPlans: boolean): void {
  const sqlite = core.store.sqlite;
  const name = (id: string) => core.providerResolver.nameOf(id);
  const days = { from: `${month.key}-01`, to: localDayKey(month.endMs, TIME_ZONE) };
  const range = { startMs: month.startMs, endMs: month.endMs };
  const spent = sumSpend(sqlite, range);
  console.log(`  this month (${month.key}): ${sqlite.prepare('SELECT count(*) AS n FROM requests WHERE started_at >= @startMs AND started_at < @endMs').pluck().get(range)} rows, spent ${spent.spent} nanos, reserved ${spent.reserved} nanos`);
  report('month-to-date total: sumSpend (ledger range)', timeRuns(() => sumSpend(sqlite, range)), TARGET_QUERY_MS);
  report('capStatus, overall cap', timeRuns(() => capStatus(sqlite, budget('overall', ''), month, name)), TARGET_QUERY_MS);
  report('capStatus, provider cap (openai)', timeRuns(() => capStatus(sqlite, budget('provider', 'openai'), month, name)), TARGET_QUERY_MS);
  report('capStatus, model cap (gpt-4o)', timeRuns(() => capStatus(sqlite, budget('model', 'gpt-4o'), month, name)), TARGET_QUERY_MS);
  report('per-model breakdown, this month (rollup)', timeRuns(() => sqlite.prepare(BY_MODEL).all(days)), TARGET_QUERY_MS);
  report('per-model breakdown, all time (rollup)', timeRuns(() => sqlite.prepare(BY_MODEL_ALL_TIME).all()), TARGET_QUERY_MS);
  report('per-day series, this month (rollup)', timeRuns(() => sqlite.prepare(BY_DAY).all(days)), TARGET_QUERY_MS);
  const last24h = { startMs: now - DAY_MS, endMs: now + 1 };
  report('per-model, last 24 h (ledger range)', timeRuns(() => sqlite.prepare(LEDGER_BY_MODEL).all(last24h)), TARGET_QUERY_MS);
  console.log('  for comparison, without the rollup:');
  report('per-model breakdown, this month (GROUP BY on the ledger)', timeRuns(() => sqlite.prepare(LEDGER_BY_MODEL).all(range), 5), TARGET_QUERY_MS);
  const allTime = { startMs: 0, endMs: Number.MAX_SAFE_INTEGER };
  report('per-model breakdown, all time (GROUP BY on the ledger)', timeRuns(() => sqlite.prepare(LEDGER_BY_MODEL).all(allTime), 3), TARGET_QUERY_MS);
  if (!showPlans) return;
  console.log('  query plans:');
  console.log(`    sumSpend (overall):\n${plan(sqlite, MONTH_SUM, range)}`);
  console.log(`    sumSpend (provider):\n${plan(sqlite, `${MONTH_SUM} AND provider_id = @providerId`, { ...range, providerId: 'openai' })}`);
  console.log(`    sumSpend (model):\n${plan(sqlite, `${MONTH_SUM} AND model = @model`, { ...range, model: 'gpt-4o' })}`);
  console.log(`    per-model, month (rollup):\n${plan(sqlite, BY_MODEL, days)}`);
  console.log(`    per-model, all time (rollup):\n${plan(sqlite, BY_MODEL_ALL_TIME, {})}`);
  console.log(`    per-day, month (rollup):\n${plan(sqlite, BY_DAY, days)}`);
  console.log(`    per-model, last 24 h (ledger):\n${plan(sqlite, LEDGER_BY_MODEL, last24h)}`);
}

const SPENT = 'SELECT COALESCE(SUM(cost_usd_nanos), 0) FROM requests WHERE started_at >= @startMs AND started_at < @endMs';
const RESERVED = `SELECT COALESCE(SUM(reserved_usd_nanos), 0) FROM requests
  WHERE status IN ('pending', 'streaming') AND started_at >= @startMs AND started_at < @endMs`;
/** Whole local days before today from the rollup, today from the ledger: the month's spend in O(days). */
const SPENT_ROLLUP_AND_TODAY = `SELECT
  (SELECT COALESCE(SUM(cost_usd_nanos), 0) FROM usage_daily_rollup WHERE day >= @firstDay AND day < @today)
  + (SELECT COALESCE(SUM(cost_usd_nanos), 0) FROM requests WHERE started_at >= @todayStartMs AND started_at < @endMs)`;
const COVERING_INDEXES = `
  CREATE INDEX bench_started_cost ON requests (started_at, cost_usd_nanos);
  CREATE INDEX bench_provider_started_cost ON requests (provider_id, started_at, cost_usd_nanos);
  CREATE INDEX bench_model_started_cost ON requests (model, started_at, cost_usd_nanos);`;

/**
 * What the month's cap sums cost with the fixes proposed in the report, checked against sumSpend
 * to the nano-dollar. Open rows carry no cost until finalize, and refused rows none at all, so the
 * plain SUM(cost_usd_nanos) is the spend and the reservations come from the open-rows index.
 */
function benchProposedFixes(core: Core, month: MonthRange, now: number): void {
  const sqlite = core.store.sqlite;
  const range = { startMs: month.startMs, endMs: month.endMs };
  const today = localDayKey(now, TIME_ZONE);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const hybrid = { ...range, firstDay: `${month.key}-01`, today, todayStartMs: startOfLocalDay(y, m, d, TIME_ZONE) };
  const truth = sumSpend(sqlite, range);
  const started = performance.now();
  sqlite.exec(COVERING_INDEXES);
  console.log(`  proposed fixes (built here only, ${(performance.now() - started).toFixed(0)} ms for three covering indexes):`);
  const spent = sqlite.prepare(SPENT).pluck();
  const reserved = sqlite.prepare(RESERVED).pluck();
  const viaRollup = sqlite.prepare(SPENT_ROLLUP_AND_TODAY).pluck();
  const same = spent.get(range) === truth.spent && reserved.get(range) === truth.reserved && viaRollup.get(hybrid) === truth.spent;
  console.log(`    equal to sumSpend to the nano-dollar: ${same ? 'yes' : 'NO'}`);
  report('spent, overall: covering index, no CASE', timeRuns(() => spent.get(range)), TARGET_QUERY_MS);
  report('spent, provider (openai): covering index', timeRuns(() => sqlite.prepare(`${SPENT} AND provider_id = 'openai'`).pluck().get(range)), TARGET_QUERY_MS);
  report('spent, model (gpt-4o): covering index', timeRuns(() => sqlite.prepare(`${SPENT} AND model = 'gpt-4o'`).pluck().get(range)), TARGET_QUERY_MS);
  report('reserved: open-rows partial index', timeRuns(() => reserved.get(range)), TARGET_QUERY_MS);
  report('spent, overall: rollup days before today + ledger today', timeRuns(() => viaRollup.get(hybrid)), TARGET_QUERY_MS);
  console.log(`    plans:\n${plan(sqlite, SPENT, range)}\n${plan(sqlite, RESERVED, range)}\n${plan(sqlite, SPENT_ROLLUP_AND_TODAY, hybrid)}`);
}

/** A 100,000-token conversation stored in the database, priced for gpt-4o on a provider configured on the fake server. */
async function benchPreflight(dataDir: string, core: Core): Promise<void> {
  const fake = await startFakeProvider();
  try {
    core.providers.save({
      id: 'bench-openai',
      kind: 'openai',
      name: 'Bench OpenAI',
      baseUrl: `${fake.baseUrl}/v1`,
      keyRef: 'env:BENCH_OPENAI_KEY',
      keyLast4: 'ench',
      enabledModels: ['gpt-4o'],
      modelSettings: {},
      createdAt: 0,
      updatedAt: 0,
    });
    core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(20_000_000_000) }, Date.now());
    core.budgets.set({ scope: 'provider', scopeValue: 'bench-openai', monthlyCap: nanodollars(10_000_000_000) }, Date.now());
    core.budgets.set({ scope: 'model', scopeValue: 'gpt-4o', monthlyCap: nanodollars(5_000_000_000) }, Date.now());
    const random = seededRandom(2025);
    const history = fakeConversation(random, 199, 1_980);
    const conversationId = 'bench-conversation';
    core.conversations.create({ id: conversationId, title: 'Bench', providerId: 'bench-openai', model: 'gpt-4o' }, 0);
    const add = core.store.sqlite.prepare(
      `INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, ?, ?, ?, 'complete', ?)`,
    );
    core.store.sqlite.transaction(() => history.forEach((m, i) => add.run(`m-${i}`, conversationId, m.role, m.content, i + 1)))();

    const encoderMs = performance.now();
    countTextTokens('gpt-4o', 'build the encoder');
    console.log(`  o200k encoder built once per process: ${(performance.now() - encoderMs).toFixed(0)} ms (not counted below)`);
    const input = () => ({ providerId: 'bench-openai', model: 'gpt-4o', conversationId, text: fakeText(random, 1_980) });

    const coldMs: number[] = [];
    let tokens = 0;
    let exact = false;
    for (let run = 0; run < 5; run++) {
      const fresh = openBenchCore(dataDir); // a new core: an empty token cache, as after a restart
      try {
        const started = performance.now();
        const { estimate } = await fresh.chat.estimate(input());
        coldMs.push(performance.now() - started);
        tokens = estimate.inputTokens;
        exact = estimate.exact;
      } finally {
        await fresh.close();
      }
    }
    await core.chat.estimate(input());
    const warmMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await core.chat.estimate(input());
      warmMs.push(performance.now() - started);
    }
    console.log(`  conversation: 199 stored messages + 1 new, ${tokens.toLocaleString('en-US')} prompt tokens (${exact ? 'exact' : 'estimated'}), 3 caps on 1M rows`);
    report('pre-flight estimate, cold (empty token cache)', median(coldMs), TARGET_PREFLIGHT_MS);
    report('pre-flight estimate, warm (only the new message tokenized)', median(warmMs), TARGET_PREFLIGHT_MS);
    console.log(`  the provider on the fake server received ${fake.requests.length} requests (estimate sends nothing)`);
  } finally {
    await fake.close();
  }
}

async function main(): Promise<void> {
  const now = Date.now();
  const month = monthRangeAt(now, TIME_ZONE);
  console.log(`Ledger queries at ${ROWS.toLocaleString('en-US')} rows (time zone ${TIME_ZONE}, medians of ${RUNS} runs)\n`);

  const spread = buildDatabase('Two years of history', now - 730 * DAY_MS, now, 1);
  try {
    benchQueries(spread.core, month, now, true);
    console.log('\nPre-flight of a 100,000-token conversation (ChatService.estimate):');
    await benchPreflight(spread.dataDir, spread.core);
    console.log('');
    benchProposedFixes(spread.core, month, now);
  } finally {
    await spread.core.close();
    rmSync(spread.dataDir, { recursive: true, force: true });
  }

  console.log('');
  const crowded = buildDatabase('Pathological: all rows in this month', month.startMs, now, 2);
  try {
    benchQueries(crowded.core, month, now, true);
    benchProposedFixes(crowded.core, month, now);
  } finally {
    await crowded.core.close();
    rmSync(crowded.dataDir, { recursive: true, force: true });
  }
}

await main();
