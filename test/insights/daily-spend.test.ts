import { afterEach, describe, expect, it } from 'vitest';
import { dailySpend } from '../../src/main/core/insights/daily-spend';
import { addDays } from '../../src/main/core/reports/local-days';
import { localDayKey } from '../../src/main/core/time/zoned-calendar';
import { frozenClock, startTestCore, type TestCore } from '../helpers/test-core';
import { insertLedgerRows, randomRows } from '../reports/ledger-fixtures';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY_MS = 86_400_000;

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('daily spend', () => {
  it('is each local day\'s ledger sum, from the rollup in its own zone or day by day in another, for every scope', async () => {
    t = await startTestCore({ clock: frozenClock(NOW) });
    t.core.services.general.setTimeZone('Europe/Berlin');
    insertLedgerRows(t.core.store.sqlite, randomRows(11, 3000, NOW - 40 * DAY_MS, NOW));
    t.core.ledger.rebuildRollup();
    const rows = t.core.store.sqlite
      .prepare("SELECT started_at AS at, provider_id AS providerId, model, cost_usd_nanos AS cost FROM requests WHERE cost_usd_nanos IS NOT NULL")
      .all() as { at: number; providerId: string; model: string; cost: number }[];
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Asia/Kolkata']) {
      const from = localDayKey(NOW - 30 * DAY_MS, zone);
      const to = localDayKey(NOW, zone);
      for (const scope of [{}, { providerId: 'openrouter' }, { model: 'gpt-4o' }] as const) {
        const expected: number[] = [];
        for (let day = from; day <= to; day = addDays(day, 1)) {
          expected.push(
            rows
              .filter((r) => localDayKey(r.at, zone) === day)
              .filter((r) => !('providerId' in scope) || r.providerId === scope.providerId)
              .filter((r) => !('model' in scope) || r.model === scope.model)
              .reduce((sum, r) => sum + r.cost, 0),
          );
        }
        expect(dailySpend(t.core.store.sqlite, from, to, zone, scope), `${zone} ${JSON.stringify(scope)}`).toEqual(expected);
      }
    }
  });
});
