import { join } from 'node:path';
import { fork } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BudgetStore } from '../../src/main/core/budgets/budget-store';
import { openStore } from '../../src/main/core/db/open-database';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { sumSpend } from '../../src/main/core/ledger/ledger-sums';
import { monthRangeOf } from '../../src/main/core/time/zoned-calendar';
import { nanodollars } from '../../src/shared/money';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const closedAfterEach = useStoresClosedAfterEach();

function open(file = join(tempDir(), 'ledger.sqlite')) {
  const store = openStore({ file });
  closedAfterEach(store);
  return { store, ledger: new RequestLedger(store.sqlite, () => 'UTC'), budgets: new BudgetStore(store.sqlite) };
}

function openRow(ledger: RequestLedger, id: string, startedAt: number, extra: Partial<Parameters<RequestLedger['open']>[0]> = {}) {
  ledger.open({
    id,
    conversationId: null,
    userMessageId: null,
    providerId: 'openai',
    providerKind: 'openai',
    model: 'gpt-4o',
    streamed: true,
    estimatedInputTokens: 10,
    reservation: nanodollars(500),
    startedAt,
    ownerPid: process.pid,
    ...extra,
  });
}

/** Separate processes, each with its own connection to the same file. */
function runWorkers(count: number, data: Record<string, unknown>): Promise<boolean[][]> {
  return Promise.all(
    Array.from(
      { length: count },
      (_, worker) =>
        new Promise<boolean[]>((resolve, reject) => {
          const child = fork(new URL('./race-child.ts', import.meta.url), [JSON.stringify({ ...data, worker })], {
            execArgv: ['--import', 'tsx'],
          });
          child.once('message', (results) => resolve(results as boolean[]));
          child.once('error', reject);
        }),
    ),
  );
}

const NOV = Date.UTC(2026, 10, 10);
const november = monthRangeOf(2026, 11, 'UTC');

describe('the ledger', () => {
  it('finalizes a row exactly once: a second finalize changes nothing', () => {
    const { ledger, store } = open();
    openRow(ledger, 'r1', NOV);
    const finalize = (cost: number) =>
      ledger.finalize({
        id: 'r1',
        status: 'completed',
        usage: { inputTokens: 10, outputTokens: 5 },
        usageSource: 'provider',
        cost: nanodollars(cost),
        finishedAt: NOV + 1,
        durationMs: 1,
      });
    expect(finalize(700)).toBe(true);
    expect(finalize(999)).toBe(false);
    expect(ledger.get('r1')).toMatchObject({ status: 'completed', costUsdNanos: 700 });
    expect(sumSpend(store.sqlite, november)).toEqual({ spent: 700, reserved: 0 });
    expect(store.sqlite.prepare('SELECT requests, cost_usd_nanos FROM usage_daily_rollup').all()).toEqual([
      { requests: 1, cost_usd_nanos: 700 },
    ]);
  });

  it('finalize raced from four processes at once: exactly one wins, the totals count it once', async () => {
    const file = join(tempDir(), 'race.sqlite');
    const { ledger, store } = open(file);
    openRow(ledger, 'race', NOV);
    const results = (await runWorkers(4, { file, task: 'finalize', requestId: 'race', attempts: 5, startedAt: NOV })).flat();
    expect(results.filter(Boolean)).toHaveLength(1);
    const row = ledger.get('race')!;
    expect(row.status).toBe('completed');
    const winner = row.costUsdNanos! - 1000;
    expect(row.inputTokens).toBe(100 + winner);
    expect(sumSpend(store.sqlite, november).spent).toBe(row.costUsdNanos);
    expect(store.sqlite.prepare('SELECT SUM(requests) AS n, SUM(cost_usd_nanos) AS c FROM usage_daily_rollup').get()).toEqual({
      n: 1,
      c: row.costUsdNanos,
    });
  });

  it('pre-flight raced from four processes never reserves past the cap', async () => {
    const file = join(tempDir(), 'preflight.sqlite');
    const { budgets, store } = open(file);
    budgets.set({ scope: 'overall', monthlyCap: nanodollars(10_500) }, NOV);
    const results = (await runWorkers(4, { file, task: 'preflight', requestId: '', attempts: 5, estimate: 1000, startedAt: NOV })).flat();
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(sumSpend(store.sqlite, november)).toEqual({ spent: 0, reserved: 10_000 });
  });

  it('reads a month\'s spend from covering indexes, and reservations from the open-rows index', () => {
    const { store } = open();
    const plan = (sql: string) =>
      (store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ startMs: 0, endMs: 1, providerId: 'p', model: 'm' }) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n');
    expect(plan('SELECT SUM(cost_usd_nanos) FROM requests WHERE started_at >= @startMs AND started_at < @endMs')).toBe(
      'SEARCH requests USING COVERING INDEX requests_started_cost (started_at>? AND started_at<?)',
    );
    expect(plan('SELECT SUM(cost_usd_nanos) FROM requests WHERE started_at >= @startMs AND started_at < @endMs AND provider_id = @providerId')).toBe(
      'SEARCH requests USING COVERING INDEX requests_provider_started_cost (provider_id=? AND started_at>? AND started_at<?)',
    );
    expect(plan('SELECT SUM(cost_usd_nanos) FROM requests WHERE started_at >= @startMs AND started_at < @endMs AND model = @model')).toBe(
      'SEARCH requests USING COVERING INDEX requests_model_started_cost (model=? AND started_at>? AND started_at<?)',
    );
    expect(
      plan("SELECT SUM(reserved_usd_nanos) FROM requests WHERE status IN ('pending', 'streaming') AND started_at >= @startMs AND started_at < @endMs"),
    ).toContain('requests_open');
  });

  it('counts spending in the month the request started, in the user\'s time zone', () => {
    const file = join(tempDir(), 'tz.sqlite');
    const store = openStore({ file });
    closedAfterEach(store);
    const ledger = new RequestLedger(store.sqlite, () => 'America/New_York');
    // 2026-01-31 23:30 in New York is 2026-02-01 04:30 UTC.
    const lateJanuary = Date.parse('2026-02-01T04:30:00Z');
    const earlyFebruary = Date.parse('2026-02-01T05:00:00Z');
    for (const [id, at, cost] of [['jan', lateJanuary, 111], ['feb', earlyFebruary, 222]] as const) {
      openRow(ledger, id, at);
      ledger.finalize({ id, status: 'completed', usage: { inputTokens: 1, outputTokens: 1 }, usageSource: 'provider', cost: nanodollars(cost), finishedAt: at, durationMs: 0 });
    }
    expect(sumSpend(store.sqlite, monthRangeOf(2026, 1, 'America/New_York')).spent).toBe(111);
    expect(sumSpend(store.sqlite, monthRangeOf(2026, 2, 'America/New_York')).spent).toBe(222);
    expect(store.sqlite.prepare('SELECT day, cost_usd_nanos FROM usage_daily_rollup ORDER BY day').all()).toEqual([
      { day: '2026-01-31', cost_usd_nanos: 111 },
      { day: '2026-02-01', cost_usd_nanos: 222 },
    ]);
  });

  it('keeps the rollup equal to the ledger after a random workload, and rebuilds it for a new time zone', () => {
    const { ledger, store } = open();
    const random = seededRandom(42);
    const statuses = ['completed', 'cancelled', 'failed', 'interrupted'] as const;
    for (let i = 0; i < 500; i += 1) {
      const at = Date.UTC(2026, 0, 1) + Math.floor(random() * 400 * 86_400_000);
      openRow(ledger, `r${i}`, at, {
        model: ['gpt-4o', 'claude-x', 'gemini'][i % 3]!,
        providerId: ['a', 'b'][i % 2]!,
        conversationId: i % 7 === 0 ? null : `c${i % 11}`,
      });
      if (random() < 0.1) continue;
      ledger.finalize({
        id: `r${i}`,
        status: statuses[Math.floor(random() * 4)]!,
        usage: { inputTokens: Math.floor(random() * 1000), outputTokens: Math.floor(random() * 1000), cachedInputTokens: 3 },
        usageSource: random() < 0.3 ? 'estimated' : 'provider',
        cost: random() < 0.1 ? null : nanodollars(Math.floor(random() * 1e9)),
        finishedAt: at + 5,
        durationMs: 5,
      });
    }
    const ledgerTotals = () =>
      store.sqlite
        .prepare(
          `SELECT COUNT(*) AS requests, COALESCE(SUM(cost_usd_nanos), 0) AS cost, SUM(input_tokens) AS input,
             SUM(CASE WHEN cost_usd_nanos IS NULL THEN 1 ELSE 0 END) AS unpriced,
             SUM(CASE WHEN usage_source = 'estimated' THEN 1 ELSE 0 END) AS estimated
           FROM requests WHERE status NOT IN ('pending', 'streaming')`,
        )
        .get();
    const rollupTotals = () =>
      store.sqlite
        .prepare(
          `SELECT SUM(requests) AS requests, SUM(cost_usd_nanos) AS cost, SUM(input_tokens) AS input,
             SUM(unpriced_requests) AS unpriced, SUM(estimated_requests) AS estimated FROM usage_daily_rollup`,
        )
        .get();
    expect(rollupTotals()).toEqual(ledgerTotals());
    const perConversation = (sql: string) => store.sqlite.prepare(sql).all();
    const fromLedger = () =>
      perConversation(
        `SELECT COALESCE(conversation_id, '') AS c, model, status, COUNT(*) AS n, COALESCE(SUM(cost_usd_nanos), 0) AS cost,
           SUM(output_tokens) AS output, SUM(CASE WHEN cost_usd_nanos IS NULL THEN 1 ELSE 0 END) AS unpriced
         FROM requests WHERE status NOT IN ('pending', 'streaming') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
    const fromRollup = () =>
      perConversation(
        `SELECT conversation_id AS c, model, status, requests AS n, cost_usd_nanos AS cost, output_tokens AS output,
           unpriced_requests AS unpriced FROM usage_conversation_rollup ORDER BY 1, 2, 3`,
      );
    expect(fromRollup()).toEqual(fromLedger());
    expect(fromRollup().length).toBeGreaterThan(30);
    const days = store.sqlite.prepare('SELECT COUNT(DISTINCT day) AS n FROM usage_daily_rollup').get();
    const tokyo = new RequestLedger(store.sqlite, () => 'Asia/Tokyo');
    tokyo.rebuildRollup();
    expect(rollupTotals()).toEqual(ledgerTotals());
    expect(fromRollup()).toEqual(fromLedger());
    expect(store.sqlite.prepare('SELECT COUNT(DISTINCT day) AS n FROM usage_daily_rollup').get()).not.toEqual({ n: 0 });
    expect(days).not.toEqual({ n: 0 });
  });
});
