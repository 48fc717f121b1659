import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { sumSpend } from '../../src/main/core/ledger/ledger-sums';
import { dailySpend } from '../../src/main/core/insights/daily-spend';
import { forecastMonthEnd } from '../../src/main/core/insights/spend-forecast';
import type { ForecastView } from '../../src/shared/contract/insights-contract';
import { monthRangeOf, startOfLocalDay } from '../../src/main/core/time/zoned-calendar';
import type { IpcResult, ResponseOf } from '../../src/shared/contract';
import type { RequestLogRow, SpendingOverview } from '../../src/shared/contract/spending-contract';
import { nanodollars } from '../../src/shared/money';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { useTempDir } from '../helpers/temp-dir';
import { insertConversation, insertLedgerRows, randomRows } from './ledger-fixtures';

const TZ = 'Europe/Berlin';
const NOW = Date.UTC(2026, 10, 20, 11, 0, 0); // November 20, 12:00 in Berlin: day 20 of 30
const tempDir = useTempDir();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function seededCore(rows = 3000): Core {
  const core = createCore({ dataDir: tempDir(), appVersion: 'test', host: 'cli', clock: () => NOW, secrets: new MemorySecretStore() });
  cores.push(core);
  core.settings.set('timeZone', TZ);
  for (const [id, title] of [['c1', 'Trip planning 100% fun'], ['c2', 'Tax questions'], ['c3', 'Refactoring']]) insertConversation(core.store.sqlite, id!, title!);
  insertLedgerRows(core.store.sqlite, randomRows(5, rows, startOfLocalDay(2026, 10, 1, TZ), NOW, ['c1', 'c2', 'c3']));
  insertLedgerRows(core.store.sqlite, [
    { id: 'running', startedAt: NOW - 5000, providerId: 'openai', model: 'gpt-4o', status: 'streaming', reserved: 4_000_000, conversationId: 'c1' },
  ]);
  core.ledger.rebuildRollup();
  return core;
}

async function call<M extends Parameters<Core['dispatch']>[0]>(core: Core, method: M, payload: unknown) {
  const result = (await core.dispatch(method, payload)) as IpcResult<unknown>;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}
const overview = async (core: Core, period: unknown, stackBy?: string) =>
  (await call(core, 'spendingOverview', { period, ...(stackBy ? { stackBy } : {}) })) as SpendingOverview;

describe('spending dashboard over the contract', () => {
  it("this month: spent equals the ledger's sum and every cap's spent; the projection is the month-end forecast", async () => {
    const core = seededCore();
    core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(50_000_000_000) }, NOW);
    core.budgets.set({ scope: 'provider', scopeValue: 'anthropic', monthlyCap: nanodollars(5_000_000_000) }, NOW);
    const view = await overview(core, { kind: 'this-month' });
    const november = monthRangeOf(2026, 11, TZ);
    const spent = sumSpend(core.store.sqlite, november).spent;
    expect(view.totals.costNanos).toBe(spent);
    expect(view.month).toMatchObject({ month: '2026-11', label: 'November 2026', spentNanos: spent, reservedNanos: 4_000_000, daysElapsed: 20, daysInMonth: 30 });
    // The month panel's projection is the forecast's expected figure, from the same days.
    const days = dailySpend(core.store.sqlite, '2026-11-01', '2026-11-20', TZ);
    expect(view.month.projectionNanos).toBe(forecastMonthEnd(days, 30).expected);
    expect((await call(core, 'spendingForecast', {})) as ForecastView).toMatchObject({ forecast: { expectedNanos: view.month.projectionNanos } });
    const overall = view.month.caps.find((c) => c.scope === 'overall')!;
    expect(overall.spentNanos).toBe(view.month.spentNanos);
    expect(overall.remainingNanos).toBe(50_000_000_000 - spent - 4_000_000);
    const anthropic = view.month.caps.find((c) => c.scope === 'provider')!;
    expect(anthropic.spentNanos).toBe(view.byProvider.find((p) => p.key === 'anthropic')!.costNanos);
  });

  it('breakdowns, series and token kinds add up to the headline exactly', async () => {
    const core = seededCore();
    for (const period of [{ kind: 'this-month' }, { kind: '30d' }, { kind: 'all' }, { kind: '24h' }, { kind: 'custom', from: '2026-10-30', to: '2026-11-02' }]) {
      for (const stackBy of ['provider', 'model']) {
        const view = await overview(core, period, stackBy);
        const { totals } = view;
        const sum = (rows: { costNanos: number }[]) => rows.reduce((s, r) => s + r.costNanos, 0);
        expect(sum(view.byProvider)).toBe(totals.costNanos);
        expect(sum(view.byModel)).toBe(totals.costNanos);
        expect(view.byModel.reduce((s, r) => s + r.requests, 0)).toBe(totals.requests);
        expect(view.series.points.reduce((s, p) => s + p.totalNanos, 0)).toBe(totals.costNanos);
        for (const point of view.series.points) expect(Object.values(point.costNanos).reduce((s, v) => s + v, 0)).toBe(point.totalNanos);
        const t = view.tokens;
        expect(t.freshInput + t.cacheRead + t.cacheWrite).toBe(totals.inputTokens);
        expect(t.answerOutput + t.reasoning).toBe(totals.outputTokens);
        const shares = view.byProvider.reduce((s, r) => s + r.shareBasisPoints!, 0);
        expect(Math.abs(shares - 10_000)).toBeLessThanOrEqual(view.byProvider.length);
        const conversations = (await call(core, 'spendingConversations', { period })) as ResponseOf<'spendingConversations'>;
        expect(sum(conversations.rows)).toBe(totals.costNanos);
        expect(conversations.rows.reduce((s, r) => s + r.requests, 0)).toBe(totals.requests);
      }
    }
  });

  it('periods chart by hour, day or month and change the figures', async () => {
    const core = seededCore();
    const day = await overview(core, { kind: '24h' });
    const month = await overview(core, { kind: 'this-month' });
    const all = await overview(core, { kind: 'all' });
    expect(day.series.bucket).toBe('hour');
    expect(day.series.points).toHaveLength(25);
    expect(month.series.bucket).toBe('day');
    expect(month.series.points.map((p) => p.key)).toEqual(Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`));
    expect(month.series.points[0]!.label).toBe('Nov 1');
    expect(all.series.bucket).toBe('day');
    expect(all.period).toMatchObject({ label: 'All time', from: null, timeZone: TZ });
    expect(day.totals.requests).toBeLessThan(month.totals.requests);
    expect(month.totals.requests).toBeLessThan(all.totals.requests);
    const last = await overview(core, { kind: 'last-month' });
    expect(last.totals.costNanos + month.totals.costNanos).toBe(all.totals.costNanos);
  });

  it('counts estimated and unpriced requests, and averages over priced ones only', async () => {
    const core = seededCore();
    const view = await overview(core, { kind: 'all' });
    const counts = core.store.sqlite
      .prepare(
        `SELECT SUM(usage_source = 'estimated') AS estimated, SUM(cost_usd_nanos IS NULL AND status NOT IN ('refused','pending','streaming')) AS unpriced,
           SUM(cost_usd_nanos IS NOT NULL) AS priced, SUM(cost_usd_nanos) AS cost, SUM(status = 'refused') AS refused
         FROM requests`,
      )
      .get() as { estimated: number; unpriced: number; priced: number; cost: number; refused: number };
    expect(view.totals).toMatchObject({ estimatedRequests: counts.estimated, unpricedRequests: counts.unpriced, refused: counts.refused });
    expect(view.totals.avgCostNanos).toBe(Math.round(counts.cost / counts.priced));
  });

  it('the request log pages through every row once, newest first, at any depth', async () => {
    const core = seededCore(1200);
    const seen: RequestLogRow[] = [];
    let after: unknown;
    for (let page = 0; page < 100; page++) {
      const result = (await call(core, 'spendingRequests', { period: { kind: 'all' }, limit: 97, ...(after ? { after } : {}) })) as ResponseOf<'spendingRequests'>;
      seen.push(...result.rows);
      if (!result.next) break;
      after = result.next;
    }
    const ids = core.store.sqlite.prepare('SELECT id FROM requests ORDER BY started_at DESC, id DESC').all() as { id: string }[];
    expect(seen.map((r) => r.id)).toEqual(ids.map((r) => r.id));
    expect(seen[0]).toMatchObject({ id: 'running', status: 'streaming', costNanos: null, priceUnknown: false, conversationTitle: 'Trip planning 100% fun', providerName: 'OpenAI' });
    const unknown = seen.filter((r) => r.priceUnknown);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((r) => r.costNanos === null && !['refused', 'pending', 'streaming'].includes(r.status))).toBe(true);
  });

  it('filters the log by provider, model, status, conversation and text', async () => {
    const core = seededCore(1200);
    const page = async (filter: object) =>
      ((await call(core, 'spendingRequests', { period: { kind: 'all' }, filter, limit: 500 })) as ResponseOf<'spendingRequests'>).rows;
    expect((await page({ providerId: 'anthropic' })).every((r) => r.providerId === 'anthropic')).toBe(true);
    expect((await page({ status: 'refused' })).every((r) => r.status === 'refused' && r.error !== null)).toBe(true);
    const o3 = await page({ model: 'o3', conversationId: 'c2' });
    expect(o3.length).toBeGreaterThan(0);
    expect(o3.every((r) => r.model === 'o3' && r.conversationTitle === 'Tax questions')).toBe(true);
    // "100%" is text, not a LIKE wildcard; provider names match too.
    expect(new Set((await page({ text: '100%' })).map((r) => r.conversationId))).toEqual(new Set(['c1']));
    expect(await page({ text: 'Trip%fun' })).toEqual([]);
    expect(await page({ text: 'Tax_questions' })).toEqual([]);
    expect(new Set((await page({ text: 'anthrop' })).map((r) => r.providerName))).toEqual(new Set(['Anthropic']));
    expect((await page({ text: 'HTTP 500' })).every((r) => r.error === 'HTTP 500 from provider')).toBe(true);
  });

  it('log pages read an index, never the whole ledger', () => {
    const core = seededCore(50);
    const plan = (sql: string) =>
      (core.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ a: 1, b: 'x', p: 'openai' }) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const base = 'SELECT r.id FROM requests r LEFT JOIN conversations c ON c.id = r.conversation_id';
    const keyset = 'r.started_at <= @a AND (r.started_at < @a OR r.id < @b)';
    // Index names belong to the schema; what matters is a SEARCH on one led by the right columns.
    const indexes = Object.fromEntries(
      (core.store.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL").all() as { name: string; sql: string }[]).map(
        (i) => [i.name, i.sql.slice(i.sql.indexOf('(') + 1).replace(/[`"\s]/g, '')],
      ),
    );
    const searched = (sql: string) => {
      const detail = plan(sql);
      expect(detail).not.toMatch(/SCAN r\b/);
      return indexes[/SEARCH r USING (?:COVERING )?INDEX (\w+)/.exec(detail)![1]!];
    };
    expect(searched(`${base} WHERE ${keyset} ORDER BY r.started_at DESC, r.id DESC LIMIT 101`)).toMatch(/^started_at[,)]/);
    expect(searched(`${base} WHERE ${keyset} AND r.provider_id = @p ORDER BY r.started_at DESC, r.id DESC LIMIT 101`)).toMatch(/^provider_id,started_at[,)]/);
  });

  it('saves an export only where a host\'s dialog says, and says why when it cannot', async () => {
    const withoutDialog = seededCore(10);
    expect(await withoutDialog.dispatch('spendingExportCsvSave', { period: { kind: 'this-month' }, groupBy: 'model' })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: "Saving an export to a file needs the desktop app's save dialog; download it instead.", retryable: false },
    });
    const missingFolder = join(tempDir(), 'gone', 'spend.csv');
    const core = createCore({ dataDir: tempDir(), appVersion: 'test', host: 'electron', clock: () => NOW, secrets: new MemorySecretStore(), chooseExportFile: async () => missingFolder });
    cores.push(core);
    expect(await core.dispatch('spendingExportCsvSave', { period: { kind: 'this-month' }, groupBy: 'model' })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: `Tallychat could not write ${missingFolder} (ENOENT): choose another folder or name.`, retryable: false },
    });
  });

  it('exports CSV for a download, and refuses a bad period or an oversized one with a message', async () => {
    const core = seededCore(200);
    const csv = (await call(core, 'spendingExportCsv', { period: { kind: 'this-month' }, groupBy: 'model', bom: true })) as ResponseOf<'spendingExportCsv'>;
    expect(csv.fileName).toBe('tallychat-2026-11-01-to-2026-11-30-by-model.csv');
    expect(csv.csv.startsWith('\uFEFFmodel,requests,')).toBe(true);
    expect(csv.csv.split('\r\n').length - 2).toBe(csv.rows);
    const bad = await core.dispatch('spendingOverview', { period: { kind: 'custom', from: '2026-11-31', to: '2026-12-01' } });
    expect(bad).toEqual({ ok: false, error: { code: 'invalid_request', message: '2026-11-31 is not a day of the calendar', retryable: false } });

    insertLedgerRows(core.store.sqlite, randomRows(9, 100_001, startOfLocalDay(2026, 11, 1, TZ), NOW));
    core.ledger.rebuildRollup();
    const tooBig = await core.dispatch('spendingExportCsv', { period: { kind: 'this-month' }, groupBy: 'request' });
    expect(tooBig.ok).toBe(false);
    expect(!tooBig.ok && tooBig.error.message).toMatch(
      /^November 2026 has 10\d,\d{3} requests; the window exports at most 100,000 at a time\. .*`tallychat report --group-by request --output FILE`/,
    );
  }, 60_000);
});
