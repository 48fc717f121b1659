import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Budget } from '../../src/main/core/budgets/budget-store';
import { capStatus } from '../../src/main/core/budgets/cap-status';
import { openStore } from '../../src/main/core/db/open-database';
import { sumSpend } from '../../src/main/core/ledger/ledger-sums';
import type { FinalStatus } from '../../src/main/core/ledger/ledger-types';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { conversationSums } from '../../src/main/core/reports/conversation-sums';
import { readOnlyView } from '../../src/main/core/reports/report-db';
import { resolvePeriod, type ResolvedPeriod } from '../../src/main/core/reports/report-period';
import { usageReaderFor, type CubeCell } from '../../src/main/core/reports/usage-readers';
import { monthRangeOf, startOfLocalDay } from '../../src/main/core/time/zoned-calendar';
import type { PeriodRequest } from '../../src/shared/contract/spending-contract';
import { nanodollars, pricePerMTok } from '../../src/shared/money';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { MODELS, PROVIDERS } from './ledger-fixtures';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const closedAfterEach = useStoresClosedAfterEach();

/**
 * Requests through the ledger's own open/finalize/refuse (which keep the rollup in the same
 * transaction), at random times from late October to early December: across two month
 * boundaries and the autumn DST change, with rows at 23:30 on a month's last day and at midnight.
 */
function randomWorkload(ledger: RequestLedger, timeZone: string, seed: number, count: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (max: number) => Math.floor(random() * (max + 1));
  const windowStart = startOfLocalDay(2026, 10, 20, timeZone);
  const windowEnd = startOfLocalDay(2026, 12, 6, timeZone);
  const edges = [
    startOfLocalDay(2026, 11, 1, timeZone) - 30 * 60_000, // 23:30 on October 31
    startOfLocalDay(2026, 11, 1, timeZone),
    startOfLocalDay(2026, 12, 1, timeZone) - 1,
    startOfLocalDay(2026, 10, 25, timeZone) + 2.5 * 3_600_000,
    startOfLocalDay(2026, 11, 1, timeZone) + 1.5 * 3_600_000,
  ];
  for (let i = 0; i < count; i++) {
    const startedAt = i < edges.length ? edges[i]! : windowStart + Math.floor(random() * (windowEnd - windowStart));
    const input = {
      id: `w${i}`,
      conversationId: i % 5 === 0 ? null : `c${i % 23}`,
      userMessageId: null,
      providerId: pick(PROVIDERS),
      providerKind: 'openai',
      model: pick(MODELS),
      streamed: true,
      estimatedInputTokens: int(5_000),
      reservation: nanodollars(int(1_000_000)),
      startedAt,
      ownerPid: process.pid,
    };
    const fate = random();
    if (fate < 0.06) {
      ledger.refuse(input, 'Overall monthly cap would be exceeded');
      continue;
    }
    ledger.open(input);
    if (fate < 0.09) continue; // still pending: adds nothing to spent
    if (fate < 0.11) {
      ledger.markStreaming(input.id, 300);
      continue;
    }
    const inputTokens = int(30_000);
    const outputTokens = int(5_000);
    const priced = random() < 0.8;
    ledger.finalize({
      id: input.id,
      status: pick<FinalStatus>(['completed', 'completed', 'cancelled', 'failed', 'interrupted']),
      usage: {
        inputTokens,
        outputTokens,
        ...(random() < 0.5 ? { cachedInputTokens: int(inputTokens) } : {}),
        ...(random() < 0.3 ? { reasoningTokens: int(outputTokens) } : {}),
      },
      usageSource: random() < 0.75 ? 'provider' : 'estimated',
      ...(priced ? { prices: { input: pricePerMTok(2_500_000_000), output: pricePerMTok(10_000_000_000), source: 'test' } } : {}),
      cost: priced ? nanodollars(int(90_000_000)) : null,
      finishedAt: startedAt + 1000,
      durationMs: 1000,
    });
  }
}

const PERIODS: PeriodRequest[] = [
  { kind: 'this-month' },
  { kind: 'last-month' },
  { kind: '7d' },
  { kind: '30d' },
  { kind: 'all' },
  { kind: 'custom', from: '2026-10-24', to: '2026-10-26' },
  { kind: 'custom', from: '2026-10-31', to: '2026-11-01' },
  { kind: 'custom', from: '2026-11-30', to: '2026-12-01' },
];

describe.each(['Europe/Berlin', 'America/New_York'])('the daily rollup equals the ledger (%s)', (timeZone) => {
  const now = Date.UTC(2026, 10, 20, 11, 0, 0);

  function seeded() {
    const store = openStore({ file: join(tempDir(), 'ledger.sqlite') });
    closedAfterEach(store);
    const ledger = new RequestLedger(store.sqlite, () => timeZone);
    randomWorkload(ledger, timeZone, 7, 1500);
    return { store, ledger, db: readOnlyView(store.sqlite) };
  }

  const fromLedger = (period: ResolvedPeriod): ResolvedPeriod => ({ ...period, dayAligned: false });

  it('for every period: totals, per provider, per model and per day, to the nano-dollar and the token', () => {
    const { db } = seeded();
    for (const request of PERIODS) {
      const period = resolvePeriod(request, now, timeZone);
      expect(period.dayAligned).toBe(true);
      const rollup = usageReaderFor(db, period);
      const ledger = usageReaderFor(db, fromLedger(period));
      expect(rollup.totals(), period.label).toEqual(ledger.totals());
      expect(rollup.groups('provider'), period.label).toEqual(ledger.groups('provider'));
      expect(rollup.groups('model'), period.label).toEqual(ledger.groups('model'));
      if (period.startMs !== null) {
        expect(rollup.groups('day'), period.label).toEqual(ledger.groups('day'));
        expect(rollup.groups('month'), period.label).toEqual(ledger.groups('month'));
        const sorted = (cells: CubeCell[]) => [...cells].sort((a, b) => `${a.bucket} ${a.providerId} ${a.model}`.localeCompare(`${b.bucket} ${b.providerId} ${b.model}`));
        expect(sorted(rollup.cube('day')), period.label).toEqual(sorted(ledger.cube('day')));
        expect(sorted(rollup.cube('month')), period.label).toEqual(sorted(ledger.cube('month')));
      }
    }
  });

  it('the workload is not trivial: every kind of row is in it', () => {
    const { db } = seeded();
    const totals = usageReaderFor(db, resolvePeriod({ kind: 'all' }, now, timeZone)).totals();
    expect(totals.refused).toBeGreaterThan(50);
    expect(totals.unpriced).toBeGreaterThan(100);
    expect(totals.estimated).toBeGreaterThan(100);
    expect(totals.cost).toBeGreaterThan(0);
    const open = db.prepare<{ n: number }>("SELECT COUNT(*) AS n FROM requests WHERE status IN ('pending', 'streaming')").get()!.n;
    expect(open).toBeGreaterThan(30);
  });

  it("this month's spent from the rollup is the caps' spent from the ledger", () => {
    const { store, db } = seeded();
    const november = monthRangeOf(2026, 11, timeZone);
    const spent = usageReaderFor(db, resolvePeriod({ kind: 'this-month' }, now, timeZone)).totals().cost;
    expect(spent).toBe(sumSpend(store.sqlite, november).spent);
    const overall: Budget = { id: 'b', scope: 'overall', scopeValue: '', monthlyCap: nanodollars(1e12), warnAtPercent: 80, strict: false };
    expect(capStatus(store.sqlite, overall, november, (id) => id).spent).toBe(spent);
    const perModel: Budget = { ...overall, scope: 'model', scopeValue: 'gpt-4o' };
    const modelRow = usageReaderFor(db, resolvePeriod({ kind: 'this-month' }, now, timeZone)).groups('model').find((g) => g.key === 'gpt-4o');
    expect(capStatus(store.sqlite, perModel, november, (id) => id).spent).toBe(modelRow?.sums.cost);
  });

  it('rebuilding the rollup from the ledger gives the table the finalizes kept', () => {
    const { store, ledger } = seeded();
    const dump = () => store.sqlite.prepare('SELECT * FROM usage_daily_rollup ORDER BY day, provider_id, model, status').all();
    const kept = dump();
    const conversations = () => store.sqlite.prepare('SELECT * FROM usage_conversation_totals ORDER BY conversation_id').all();
    const keptConversations = conversations();
    expect(keptConversations.length).toBe(24);
    ledger.rebuildRollup();
    expect(dump()).toEqual(kept);
    expect(conversations()).toEqual(keptConversations);
  });

  it('the all-time conversation breakdown from the per-conversation totals equals the ledger’s, page and count', () => {
    const { db } = seeded();
    const allTime = resolvePeriod({ kind: 'all' }, now, timeZone);
    const everything = { ...allTime, startMs: 0, endMs: Number.MAX_SAFE_INTEGER };
    expect(conversationSums(db, allTime)).toEqual(conversationSums(db, everything));
    const cost = usageReaderFor(db, allTime).totals().cost;
    expect(conversationSums(db, allTime, 5)).toEqual({ rows: conversationSums(db, everything).rows.slice(0, 5), total: 24, cost });
    expect(conversationSums(db, everything, 5).cost).toBe(cost);
  });
});
