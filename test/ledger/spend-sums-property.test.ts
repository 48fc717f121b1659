import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { sumSpend, type SpendFilter } from '../../src/main/core/ledger/ledger-sums';
import { RequestLedger } from '../../src/main/core/ledger/request-ledger';
import { monthRangeAt, startOfLocalDay } from '../../src/main/core/time/zoned-calendar';
import { nanodollars } from '../../src/shared/money';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { insertLedgerRows, randomRows } from '../reports/ledger-fixtures';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const closedAfterEach = useStoresClosedAfterEach();

const ZONES = ['UTC', 'Europe/Berlin', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'America/Santiago', 'Pacific/Pago_Pago'];
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2027, 0, 1);
const DAY_MS = 86_400_000;

/** What the caps summed before issue 17: the ledger's rows in the range, nothing else. */
function ledgerTruth(store: Store, filter: SpendFilter): { spent: number; reserved: number } {
  const where = ['started_at >= @startMs', 'started_at < @endMs'];
  if (filter.providerId !== undefined) where.push('provider_id = @providerId');
  if (filter.model !== undefined) where.push('model = @model');
  return store.sqlite
    .prepare(
      `SELECT COALESCE(SUM(cost_usd_nanos), 0) AS spent,
         COALESCE(SUM(CASE WHEN status IN ('pending', 'streaming') THEN reserved_usd_nanos ELSE 0 END), 0) AS reserved
       FROM requests WHERE ${where.join(' AND ')}`,
    )
    .get(filter) as { spent: number; reserved: number };
}

describe('the month’s spend read from the rollup and the ledger equals the ledger’s own sum', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i: random rows, rollup zone, setting zone, ranges and filters', (seed) => {
    const random = seededRandom(seed);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const rollupZone = pick(ZONES);
    let settingZone = rollupZone;
    const store = openStore({ file: join(tempDir(), 'ledger.sqlite') });
    closedAfterEach(store);
    const ledger = new RequestLedger(store.sqlite, () => settingZone);
    // Rows at random instants, and rows exactly on and next to local midnights of every zone.
    insertLedgerRows(store.sqlite, randomRows(seed, 3000, FROM, TO));
    const edges = ZONES.flatMap((zone) =>
      Array.from({ length: 20 }, () => {
        const day = new Date(FROM + Math.floor(random() * 364) * DAY_MS);
        const midnight = startOfLocalDay(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), zone);
        return midnight + pick([-1, 0, 1]);
      }),
    );
    insertLedgerRows(
      store.sqlite,
      edges.map((startedAt, i) => ({ id: `edge-${i}`, startedAt, providerId: pick(['openai', 'anthropic']), model: pick(['gpt-4o', 'o3']), status: 'completed' as const, cost: 1 + Math.floor(random() * 1e9) })),
    );
    ledger.rebuildRollup();
    // Later rows go through the rollup's own path while the setting names another zone: they
    // must still be filed under the rollup's days.
    settingZone = pick(ZONES);
    for (let i = 0; i < 200; i++) {
      const id = `live-${i}`;
      const startedAt = FROM + Math.floor(random() * (TO - FROM));
      ledger.open({ id, conversationId: null, userMessageId: null, providerId: pick(['openai', 'anthropic']), providerKind: 'openai', model: pick(['gpt-4o', 'o3']), streamed: true, estimatedInputTokens: 5, reservation: nanodollars(700), startedAt, ownerPid: 1 });
      if (random() < 0.8) {
        ledger.finalize({ id, status: 'completed', usage: { inputTokens: 5, outputTokens: 5 }, usageSource: 'provider', cost: nanodollars(Math.floor(random() * 1e8)), finishedAt: startedAt + 10, durationMs: 10 });
      }
    }
    for (let check = 0; check < 60; check++) {
      const zone = pick(ZONES);
      const at = FROM + Math.floor(random() * (TO - FROM));
      const month = monthRangeAt(at, zone);
      const range =
        check % 3 === 0
          ? { startMs: at, endMs: at + Math.floor(random() * 40 * DAY_MS) }
          : check % 3 === 1
            ? { startMs: month.startMs, endMs: month.endMs }
            : { startMs: FROM - DAY_MS, endMs: TO + DAY_MS };
      const filter: SpendFilter = { ...range, ...pick([{}, { providerId: 'openai' }, { model: 'o3' }, { providerId: 'anthropic', model: 'gpt-4o' }]) };
      expect(sumSpend(store.sqlite, filter), `${rollupZone} ${JSON.stringify(filter)}`).toEqual(ledgerTruth(store, filter));
    }
    expect(sumSpend(store.sqlite, { startMs: FROM, endMs: TO }).spent).toBeGreaterThan(0);
  });

  it('reads a month of a million-row-shaped rollup, not the ledger: the plan touches usage_daily_rollup', () => {
    const store = openStore({ file: join(tempDir(), 'ledger.sqlite') });
    closedAfterEach(store);
    insertLedgerRows(store.sqlite, randomRows(1, 500, FROM, TO));
    new RequestLedger(store.sqlite, () => 'Europe/Berlin').rebuildRollup();
    // Once the rows are in the rollup, ledger rows inside whole days no longer count: proof the rollup is read.
    const month = monthRangeAt(Date.UTC(2026, 5, 15), 'Europe/Berlin');
    const before = sumSpend(store.sqlite, month).spent;
    store.sqlite.prepare('UPDATE requests SET cost_usd_nanos = cost_usd_nanos + 1 WHERE started_at >= ? AND started_at < ?').run(month.startMs + DAY_MS, month.endMs - DAY_MS);
    expect(sumSpend(store.sqlite, month).spent).toBe(before);
  });
});
