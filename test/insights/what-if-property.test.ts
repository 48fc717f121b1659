import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { WhatIfView } from '../../src/shared/contract/insights-contract';
import { formatUsd, nanodollars } from '../../src/shared/money';
import { frozenClock, startTestCore, type TestCore } from '../helpers/test-core';
import { seededRandom } from '../helpers/seeded-random';
import { insertLedgerRows, randomRows, type SeedRow } from '../reports/ledger-fixtures';

const NOW = Date.UTC(2026, 10, 20, 12);
const DAY_MS = 86_400_000;

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The ledger file and its WAL, hashed: a what-if must leave both byte for byte as they were. */
function ledgerBytes(file: string): string {
  const hash = createHash('sha256').update(readFileSync(file));
  if (existsSync(`${file}-wal`)) hash.update(readFileSync(`${file}-wal`));
  return hash.digest('hex');
}

/** tokens × price / 10^6, half to even, written out here on its own: the test's recomputation, not the app's. */
function part(tokens: number, perMTok: bigint): bigint {
  const exact = BigInt(tokens) * perMTok;
  const q = exact / 1_000_000n;
  const r = exact % 1_000_000n;
  return r * 2n > 1_000_000n || (r * 2n === 1_000_000n && q % 2n === 1n) ? q + 1n : q;
}

interface Prices {
  input: bigint;
  output: bigint;
  cacheRead: bigint | null;
  cacheWrite: bigint | null;
}

function recompute(rows: SeedRow[], prices: Prices, from: number, to: number): { requests: number; whatIf: number; actual: number; unpriced: number } {
  let whatIf = 0n;
  let actual = 0;
  let requests = 0;
  let unpriced = 0;
  for (const row of rows) {
    if (row.startedAt < from || row.startedAt >= to || row.status === 'refused' || row.inputTokens == null || row.outputTokens == null) continue;
    const cached = row.cachedInputTokens ?? 0;
    const writes = row.cacheWriteTokens ?? 0;
    whatIf +=
      part(Math.max(0, row.inputTokens - cached - writes), prices.input) +
      part(cached, prices.cacheRead ?? prices.input) +
      part(writes, prices.cacheWrite ?? prices.input) +
      part(row.outputTokens, prices.output);
    requests += 1;
    if (row.cost == null) unpriced += 1;
    else actual += row.cost;
  }
  return { requests, whatIf: Number(whatIf), actual, unpriced };
}

/** Random rows, some with cache writes too (a part of their input, beside the cached reads). */
function ledger(seed: number, count: number): SeedRow[] {
  const random = seededRandom(seed * 7919);
  return [...randomRows(seed, count, NOW - 60 * DAY_MS, NOW)].map((row) => {
    if (row.inputTokens == null || random() < 0.6) return row;
    const room = row.inputTokens - (row.cachedInputTokens ?? 0);
    return { ...row, cacheWriteTokens: Math.floor(random() * (room + 1)) };
  });
}

const typedPrice = (random: () => number) => formatUsd(nanodollars(Math.floor(random() * 80_000_000_000)));

describe('what if: the period priced on another model', () => {
  it('equals a recomputation from the ledger\'s token counts at the chosen prices, to the nano-dollar, and writes nothing', async () => {
    t = await startTestCore({ clock: frozenClock(NOW) });
    const { core } = t;
    core.services.general.setTimeZone('UTC');
    const file = core.store.file;
    for (let seed = 1; seed <= 12; seed++) {
      const rows = ledger(seed, 50 + seed * 37);
      core.store.sqlite.prepare('DELETE FROM requests').run();
      insertLedgerRows(core.store.sqlite, rows);
      core.ledger.rebuildRollup();
      const random = seededRandom(seed);
      const typed = {
        input: typedPrice(random),
        output: typedPrice(random),
        ...(random() < 0.5 ? { cacheRead: typedPrice(random) } : {}),
        ...(random() < 0.5 ? { cacheWrite: typedPrice(random) } : {}),
      };
      // The typed text has exactly nine decimals: its digits are the nano-dollars.
      const nanos = (text: string) => BigInt(text.replace('.', ''));
      const prices: Prices = {
        input: nanos(typed.input),
        output: nanos(typed.output),
        cacheRead: typed.cacheRead === undefined ? null : nanos(typed.cacheRead),
        cacheWrite: typed.cacheWrite === undefined ? null : nanos(typed.cacheWrite),
      };
      const before = ledgerBytes(file);
      for (const period of [{ kind: 'all' as const }, { kind: '30d' as const }]) {
        const result = await core.dispatch('spendingWhatIf', { period, providerId: 'openai', model: 'gpt-4o-mini', prices: typed });
        if (!result.ok) throw new Error(result.error.message);
        const view = result.value as WhatIfView;
        const from = view.period.startMs ?? Number.MIN_SAFE_INTEGER;
        const to = view.period.endMs ?? Number.MAX_SAFE_INTEGER;
        const expected = recompute(rows, prices, from, to);
        expect(view.totals, `seed ${seed}, ${period.kind}`).toEqual({
          requests: expected.requests,
          actualNanos: expected.actual,
          unpricedRequests: expected.unpriced,
          whatIfNanos: expected.whatIf,
        });
        // The rows per model add up to the totals.
        expect(view.rows.reduce((sum, row) => sum + row.whatIfNanos, 0)).toBe(view.totals.whatIfNanos);
        expect(view.prices).toMatchObject({ source: 'typed', inputPerMTokNanos: Number(prices.input), outputPerMTokNanos: Number(prices.output) });
      }
      expect(ledgerBytes(file), `seed ${seed}: the ledger file changed`).toBe(before);
    }
  });

  it('at today\'s prices uses the catalog\'s price of the chosen model, and names where it came from', async () => {
    t = await startTestCore({ clock: frozenClock(NOW) });
    const rows = ledger(99, 200);
    insertLedgerRows(t.core.store.sqlite, rows);
    t.core.ledger.rebuildRollup();
    const result = await t.core.dispatch('spendingWhatIf', { period: { kind: 'all' }, providerId: 'openai', model: 'gpt-4o-mini' });
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value as WhatIfView;
    expect(view.prices).toMatchObject({ source: 'catalog', inputPerMTokNanos: 150_000_000, outputPerMTokNanos: 600_000_000, cacheReadPerMTokNanos: 75_000_000 });
    const expected = recompute(rows, { input: 150_000_000n, output: 600_000_000n, cacheRead: 75_000_000n, cacheWrite: null }, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    expect(view.totals.whatIfNanos).toBe(expected.whatIf);
  });

  it('asks for the provider when the model is not one configured provider\'s, and for prices when none is known', async () => {
    t = await startTestCore({ clock: frozenClock(NOW) });
    await expect(t.core.dispatch('spendingWhatIf', { period: { kind: 'all' }, model: 'gpt-4o-mini' })).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid_request', message: 'No configured provider offers gpt-4o-mini: name the provider whose prices to use.' }),
    });
    await expect(t.core.dispatch('spendingWhatIf', { period: { kind: 'all' }, providerId: 'openai', model: 'no-such-model' })).resolves.toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'not_found', message: 'No price is known for no-such-model on OpenAI: type the prices to compare with.' }),
    });
  });
});
