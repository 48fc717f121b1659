import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { startOfLocalDay } from '../../src/main/core/time/zoned-calendar';
import type { IpcResult } from '../../src/shared/contract';
import type { ProviderFiguresView } from '../../src/shared/contract/spending-contract';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { useTempDir } from '../helpers/temp-dir';
import { insertLedgerRows, type SeedRow } from './ledger-fixtures';

const TZ = 'Europe/Berlin';
const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);
const NOV_1 = startOfLocalDay(2026, 11, 1, TZ);
const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const at = (day: number) => NOV_1 + (day - 1) * 86_400_000 + 3_600_000;
const row = (id: string, startedAt: number, fields: Partial<SeedRow>): SeedRow => ({
  id,
  startedAt,
  providerId: 'openrouter',
  model: 'gpt-4o',
  status: 'completed',
  usageSource: 'provider',
  inputTokens: 1000,
  outputTokens: 100,
  ...fields,
});

/** November: six rows the provider priced, two it did not; one priced row in October; one still running. */
const ROWS: SeedRow[] = [
  row('a', at(2), { cost: 1_000_000, providerCost: 1_000_000 }),
  row('b', at(3), { cost: 2_000_000, providerCost: 2_000_150, model: 'claude-sonnet-4' }),
  row('c', at(4), { cost: 3_000_000, providerCost: 2_999_000 }),
  row('d', at(5), { cost: 500_000, providerCost: 700_000, model: 'grok-4' }),
  row('e', at(6), { cost: 4_000_000, providerCost: 3_999_990 }),
  row('f', at(7), { cost: 10_000, providerCost: 10_001 }),
  // Caching: 400 000 cached tokens at $2.50 − $1.25 per MTok saved $0.50; 3 cached at $0.15 − $0.075 saved 225 nano-dollars.
  row('g', at(8), { cost: 9_000_000, cachedInputTokens: 400_000, priceInput: 2_500_000_000, priceCacheRead: 1_250_000_000 }),
  row('h', at(9), { cost: 50, cachedInputTokens: 3, priceInput: 150_000_000, priceCacheRead: 75_000_000, providerCost: 60 }),
  // The provider priced it but we could not: nothing to compare.
  row('i', at(10), { cost: null, providerCost: 123_456 }),
  row('j', at(11), { cost: 7_000_000 }),
  // Priced, and the provider said nothing came from cache: caching saved exactly nothing.
  row('k', at(12), { cost: 2_000, cachedInputTokens: 0, priceInput: 2_500_000_000, priceCacheRead: 1_250_000_000 }),
  // Cached tokens on a row we could not price: the saving is unknown.
  row('l', at(13), { cost: null, cachedInputTokens: 5_000 }),
  row('october', NOV_1 - 86_400_000, { cost: 1_000_000, providerCost: 9_000_000, cachedInputTokens: 1_000_000, priceInput: 1_000_000_000, priceCacheRead: 0 }),
  row('running', NOW - 5000, { status: 'streaming', cost: null, providerCost: null }),
];

function seededCore(): Core {
  const core = createCore({ dataDir: tempDir(), appVersion: 'test', host: 'cli', clock: () => NOW, secrets: new MemorySecretStore() });
  cores.push(core);
  core.settings.set('timeZone', TZ);
  insertLedgerRows(core.store.sqlite, ROWS);
  core.ledger.rebuildRollup();
  return core;
}

async function figures(core: Core, period: unknown): Promise<ProviderFiguresView> {
  const result = (await core.dispatch('spendingProviderFigures', { period })) as IpcResult<ProviderFiguresView>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe("the provider's own figure against ours", () => {
  it('sums both over the rows both priced, in the period only, and lists the five that differ most', async () => {
    const view = await figures(seededCore(), { kind: 'this-month' });
    expect(view.drift).toEqual({
      comparedRequests: 7,
      oursNanos: 1_000_000 + 2_000_000 + 3_000_000 + 500_000 + 4_000_000 + 10_000 + 50,
      theirsNanos: 1_000_000 + 2_000_150 + 2_999_000 + 700_000 + 3_999_990 + 10_001 + 60,
      differenceNanos: 150 - 1000 + 200_000 - 10 + 1 + 10,
      topRows: [
        { id: 'd', startedAt: at(5), model: 'grok-4', oursNanos: 500_000, theirsNanos: 700_000 },
        { id: 'c', startedAt: at(4), model: 'gpt-4o', oursNanos: 3_000_000, theirsNanos: 2_999_000 },
        { id: 'b', startedAt: at(3), model: 'claude-sonnet-4', oursNanos: 2_000_000, theirsNanos: 2_000_150 },
        // Two rows differ by 10: the later first.
        { id: 'h', startedAt: at(9), model: 'gpt-4o', oursNanos: 50, theirsNanos: 60 },
        { id: 'e', startedAt: at(6), model: 'gpt-4o', oursNanos: 4_000_000, theirsNanos: 3_999_990 },
      ],
    });
  });

  it("sums what caching saved from each row's frozen prices", async () => {
    const core = seededCore();
    expect((await figures(core, { kind: 'this-month' })).cacheSavedNanos).toBe(500_000_225);
    // October's row: 1M cached tokens at $1 − $0 per MTok.
    expect((await figures(core, { kind: 'last-month' })).cacheSavedNanos).toBe(1_000_000_000);
    const all = await figures(core, { kind: 'all' });
    expect(all.cacheSavedNanos).toBe(1_500_000_225);
    expect(all.drift.comparedRequests).toBe(8);
    expect(all.drift.differenceNanos).toBe(199_151 + 8_000_000);
  });

  it('tells a saving of nothing from an unknown one', async () => {
    const core = seededCore();
    expect((await figures(core, { kind: 'custom', from: '2026-11-12', to: '2026-11-12' })).cacheSavedNanos).toBe(0);
    expect((await figures(core, { kind: 'custom', from: '2026-11-13', to: '2026-11-13' })).cacheSavedNanos).toBeNull();
  });

  it('says nothing is known when no row of the period has a saving or a provider cost', async () => {
    const view = await figures(seededCore(), { kind: 'custom', from: '2026-11-11', to: '2026-11-11' });
    expect(view).toEqual({
      cacheSavedNanos: null,
      drift: { comparedRequests: 0, oursNanos: 0, theirsNanos: 0, differenceNanos: 0, topRows: [] },
    });
  });
});
