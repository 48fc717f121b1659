import { afterEach, describe, expect, it } from 'vitest';
import { sumSpend } from '../../src/main/core/ledger/ledger-sums';
import { monthRangeOf } from '../../src/main/core/time/zoned-calendar';
import { pricePerMTok, type NanodollarsPerMTok } from '../../src/shared/money';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(async () => {
  await t.close();
});

const prices = (input: number, output: number) => ({
  input: pricePerMTok(input),
  output: pricePerMTok(output),
  cacheRead: null as NanodollarsPerMTok | null,
  cacheWrite: null as NanodollarsPerMTok | null,
});

describe('prices are frozen on each ledger row', () => {
  it('changing a price never changes an old row or an old month\'s total', async () => {
    let now = Date.UTC(2026, 9, 15, 12);
    t = await startTestCore({ clock: () => now });
    t.core.settings.set('timeZone', 'UTC');
    const provider = await t.addProvider('openai');
    const first = t.core.overrides.add({ providerId: provider, model: 'gpt-4o', ...prices(2_000_000_000, 8_000_000_000), effectiveFrom: Date.UTC(2026, 9, 1) }, now);

    t.fake.enqueue({ text: 'October answer', usage: { input: 1000, output: 500 } });
    const october = await (await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'in October' })).done;
    // 1000 × $2 + 500 × $8 per MTok
    expect(october.costNanos).toBe(2_000_000 + 4_000_000);
    const octoberRange = monthRangeOf(2026, 10, 'UTC');
    const octoberTotal = sumSpend(t.core.store.sqlite, octoberRange);

    // A new price from November on, and a correction back-dated to October 1st entered later.
    t.core.overrides.add({ providerId: provider, model: 'gpt-4o', ...prices(5_000_000_000, 20_000_000_000), effectiveFrom: Date.UTC(2026, 10, 1) }, now + 1);
    t.core.overrides.add({ providerId: provider, model: 'gpt-4o', ...prices(3_000_000_000, 9_000_000_000), effectiveFrom: Date.UTC(2026, 9, 1) }, now + 2);

    expect(t.core.ledger.get(october.requestId)).toMatchObject({
      costUsdNanos: 6_000_000,
      priceInputUsdNanosPerMTok: 2_000_000_000,
      priceOutputUsdNanosPerMTok: 8_000_000_000,
      priceSource: `override:${first.id}`,
    });
    expect(sumSpend(t.core.store.sqlite, octoberRange)).toEqual(octoberTotal);
    t.core.ledger.rebuildRollup();
    expect(t.core.store.sqlite.prepare("SELECT cost_usd_nanos AS c FROM usage_daily_rollup WHERE day = '2026-10-15'").get()).toEqual({ c: 6_000_000 });

    now = Date.UTC(2026, 10, 5, 12);
    t.fake.enqueue({ text: 'November answer', usage: { input: 1000, output: 500 } });
    const november = await (await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'in November' })).done;
    expect(november.costNanos).toBe(5_000_000 + 10_000_000);
  });

  it('without an override the catalog price in force at the request\'s time is charged and named', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'x', usage: { input: 100_000, output: 1000, cachedInput: 20_000, cacheWrite: 30_000 } });
    const finished = await (await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'cache me' })).done;
    // Sonnet 4.5: $3 input, $0.30 cache read, $3.75 cache write, $15 output per MTok; input includes cache tokens.
    expect(t.core.ledger.get(finished.requestId)).toMatchObject({
      priceInputUsdNanosPerMTok: 3_000_000_000,
      priceCacheReadUsdNanosPerMTok: 300_000_000,
      priceCacheWriteUsdNanosPerMTok: 3_750_000_000,
      priceOutputUsdNanosPerMTok: 15_000_000_000,
      priceSource: 'genai-prices@0.1.8',
      costUsdNanos: 50_000 * 3_000 + 20_000 * 300 + 30_000 * 3_750 + 1000 * 15_000,
    });
  });

  it('a request past a long-context threshold records the tier\'s prices it was charged at', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('anthropic');
    t.fake.enqueue({ text: 'x', usage: { input: 300_000, output: 1000 } });
    const finished = await (await t.core.chat.send({ providerId: provider, model: 'claude-sonnet-4-5', text: 'long' })).done;
    // Above 200k input tokens Sonnet 4.5 costs $6 / $22.50 per MTok for the whole request.
    expect(t.core.ledger.get(finished.requestId)).toMatchObject({
      priceInputUsdNanosPerMTok: 6_000_000_000,
      priceOutputUsdNanosPerMTok: 22_500_000_000,
      costUsdNanos: 300_000 * 6_000 + 1000 * 22_500,
    });
  });
});
