import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app/create-core';
import { BudgetRefusal } from '../../src/main/core/chat/chat-service';
import type { SpendAlert, TallychatEvent } from '../../src/shared/contract/events';
import { nanodollars, pricePerMTok } from '../../src/shared/money';
import { insertLedgerRows, type SeedRow } from '../reports/ledger-fixtures';
import { frozenClock, startTestCore, type TestCore } from '../helpers/test-core';

const DAY_MS = 86_400_000;
/** 2026-03-20, noon UTC: the scripted month's "today". */
const TODAY = Date.UTC(2026, 2, 20, 12);
/** One output token costs 1,000,000 nano-dollars (USD 1,000 per million) at the test model's price. */
const PER_TOKEN = 1_000_000;

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** 14 days before today at USD 0.01 each (March 6-19): the usual day, and USD 0.14 of March spent. */
function usualDays(): SeedRow[] {
  return Array.from({ length: 14 }, (_, i) => ({
    id: `history-${i}`,
    startedAt: TODAY - (i + 1) * DAY_MS,
    providerId: 'openai',
    model: 'm',
    status: 'completed' as const,
    inputTokens: 1,
    outputTokens: 10,
    cost: 10_000_000,
  }));
}

async function scriptedMonth(): Promise<{ t: TestCore; provider: string }> {
  const clock = frozenClock(TODAY);
  const test = await startTestCore({ clock });
  const provider = await test.addProvider('openai');
  test.core.services.general.setTimeZone('UTC');
  insertLedgerRows(test.core.store.sqlite, usualDays());
  test.core.ledger.rebuildRollup();
  test.core.overrides.add(
    { providerId: provider, model: 'm', input: pricePerMTok(0), output: pricePerMTok(1_000_000_000_000), cacheRead: null, cacheWrite: null, effectiveFrom: 0 },
    0,
  );
  // USD 0.40 overall, warned at half: USD 0.20.
  test.core.services.budgets.set({ scope: 'overall', monthlyCap: nanodollars(400_000_000), warnAtPercent: 50 });
  return { t: test, provider };
}

async function spend(core: Core, fake: TestCore['fake'], provider: string, outputTokens: number): Promise<void> {
  fake.enqueue({ text: 'ok', usage: { input: 1, output: outputTokens } });
  const started = await core.chat.send({ providerId: provider, model: 'm', text: 'go', maxOutputTokens: 1 });
  expect(await started.done).toMatchObject({ status: 'completed', costNanos: outputTokens * PER_TOKEN });
}

const alertsIn = (events: TallychatEvent[]): SpendAlert[] => events.flatMap((e) => (e.type === 'spend.alert' ? [e.alert] : []));

describe('spend alerts over a scripted month (clock injected)', () => {
  it('warn, cap and an unusual day are each told once, and not again after a restart', async () => {
    const month = await scriptedMonth();
    t = month.t;
    const { core, fake } = t;

    await spend(core, fake, month.provider, 20); // today USD 0.02 (2x the usual); month 0.16 (40%)
    expect(alertsIn(t.events)).toEqual([]);
    await spend(core, fake, month.provider, 20); // today 0.04: over 3x the median of 0.01; month 0.18 (45%)
    expect(alertsIn(t.events)).toEqual([
      {
        kind: 'anomaly',
        title: 'Unusual spending today',
        body: '$0.04 spent on 2026-03-20, more than 3× the usual $0.01 a day (the median of the 14 days before).',
        day: '2026-03-20',
        spentNanos: 40_000_000,
        medianNanos: 10_000_000,
      },
    ]);
    await spend(core, fake, month.provider, 40); // month 0.22 (55%): the warning
    expect(alertsIn(t.events).slice(1)).toEqual([
      {
        kind: 'warning',
        title: 'Overall monthly cap: 55% used',
        body: '$0.22 spent of $0.40 in 2026-03; you asked to be warned at 50%.',
        label: 'Overall monthly cap',
        month: '2026-03',
        spentNanos: 220_000_000,
        capNanos: 400_000_000,
        percentUsed: 55,
      },
    ]);

    // A restart: a new core on the same ledger remembers what was told.
    await core.close();
    const again = t.reopen();
    const after: TallychatEvent[] = [];
    again.events.subscribe((event) => after.push(event));
    await spend(again, fake, month.provider, 10); // month 0.23, today 0.09: nothing new
    expect(alertsIn(after)).toEqual([]);
    await spend(again, fake, month.provider, 200); // month 0.43: the cap is reached
    expect(alertsIn(after).map((a) => [a.kind, a.title, a.body])).toEqual([
      ['reached', 'Overall monthly cap reached', '$0.43 spent of $0.40 in 2026-03. Requests past it are refused unless you allow them or raise the cap.'],
    ]);
    // Past the cap the next request is refused: nothing is spent, and nothing is told again.
    await expect(again.chat.send({ providerId: month.provider, model: 'm', text: 'more', maxOutputTokens: 1 })).rejects.toBeInstanceOf(BudgetRefusal);
    expect(alertsIn(after)).toHaveLength(1);
  });

  it('switched off, nothing is told or recorded', async () => {
    const month = await scriptedMonth();
    t = month.t;
    await expect(t.core.dispatch('settingsSpendAlertsSet', { enabled: false })).resolves.toMatchObject({ ok: true, value: { spendAlerts: false } });
    for (const tokens of [20, 20, 40, 200]) await spend(t.core, t.fake, month.provider, tokens);
    expect(alertsIn(t.events)).toEqual([]);
    const recorded = t.core.store.sqlite.prepare('SELECT (SELECT COUNT(*) FROM budget_alerts) + (SELECT COUNT(*) FROM spend_anomaly_alerts)').pluck().get();
    expect(recorded).toBe(0);
  });

  it('a first day of use is not unusual: with no usual day (median 0) nothing is compared', async () => {
    t = await startTestCore({ clock: frozenClock(TODAY) });
    const provider = await t.addProvider('openai');
    t.core.overrides.add(
      { providerId: provider, model: 'm', input: pricePerMTok(0), output: pricePerMTok(1_000_000_000_000), cacheRead: null, cacheWrite: null, effectiveFrom: 0 },
      0,
    );
    await spend(t.core, t.fake, provider, 500);
    expect(alertsIn(t.events)).toEqual([]);
  });
});
