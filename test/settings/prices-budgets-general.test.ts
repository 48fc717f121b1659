import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { openSettingsFixture, type SettingsFixture } from './settings-fixture';

/** 2026-03-15 12:00 UTC: a fixed "now" so dates and months are exact. */
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
let fixture: SettingsFixture | undefined;

afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

async function withOpenAi(options: { clock?: () => number } = {}) {
  fixture = await openSettingsFixture({ clock: options.clock ?? (() => NOW), secrets: new MemorySecretStore() });
  await fixture.ok('settingsTimeZoneSet', { timeZone: 'UTC' });
  const { id } = await fixture.ok('settingsProviderAdd', { kind: 'openai', name: 'OpenAI', baseUrl: `${fixture.fake.baseUrl}/v1`, apiKey: 'sk-test-prices-000000' });
  await fixture.ok('settingsProviderModels', { id, models: ['gpt-4o-mini', 'my-finetune'] });
  return { f: fixture, id };
}

describe('prices in Settings', () => {
  it('shows the catalog price of each enabled model, and none for a model the catalog does not know', async () => {
    const { f, id } = await withOpenAi();
    const rows = await f.ok('settingsPrices', {});
    expect(rows.map((r) => [r.providerId, r.model, r.catalog?.inputNanosPerMTok ?? null, r.catalog?.outputNanosPerMTok ?? null, r.catalog?.cacheReadNanosPerMTok ?? null])).toEqual([
      [id, 'gpt-4o-mini', 150_000_000, 600_000_000, 75_000_000],
      [id, 'my-finetune', null, null, null],
    ]);
    expect(rows[0]?.catalog?.source).toMatch(/^genai-prices@\d+\.\d+\.\d+$/);
    expect(rows[0]).toMatchObject({ providerName: 'OpenAI', activeOverrideId: null, overrides: [] });
  });

  it('adds an override from a local date on, exactly, and the chat is charged at it', async () => {
    const { f, id } = await withOpenAi();
    const row = await f.ok('settingsPriceOverrideAdd', { providerId: id, model: 'my-finetune', input: '0.30', output: '1.2', cacheRead: '0.01875', effectiveFrom: '2026-03-01' });
    expect(row.overrides).toEqual([
      {
        id: row.activeOverrideId,
        effectiveFrom: Date.UTC(2026, 2, 1),
        effectiveDay: '2026-03-01',
        inputNanosPerMTok: 300_000_000,
        outputNanosPerMTok: 1_200_000_000,
        cacheReadNanosPerMTok: 18_750_000,
        cacheWriteNanosPerMTok: null,
        cacheWrite1hNanosPerMTok: null,
        requestFeeNanos: null,
        requestFeeBySearchContextNanos: null,
        webSearchFeeNanos: null,
        usedByRequests: 0,
      },
    ]);
    const later = await f.ok('settingsPriceOverrideAdd', { providerId: id, model: 'my-finetune', input: '1', output: '2', effectiveFrom: '2026-04-01' });
    expect(later.overrides.map((o) => o.effectiveDay)).toEqual(['2026-03-01', '2026-04-01']);
    expect(later.activeOverrideId).toBe(row.activeOverrideId);

    const sent = await f.core.chat.send({ providerId: id, model: 'my-finetune', text: 'price me' });
    const finished = await sent.done;
    const ledger = f.core.ledger.get(finished.requestId)!;
    expect([ledger.priceSource, ledger.priceInputUsdNanosPerMTok, ledger.priceOutputUsdNanosPerMTok]).toEqual([
      `override:${row.activeOverrideId}`,
      300_000_000,
      1_200_000_000,
    ]);
    const blocked = await f.call('settingsPriceOverrideDelete', { id: row.activeOverrideId! });
    expect(blocked).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'This price was charged on 1 request, so it stays on record. Add a newer price with a later date instead.',
        retryable: false,
      },
    });
    await expect(f.ok('settingsPriceOverrideDelete', { id: later.overrides[1]!.id })).resolves.toEqual({ deleted: true });
  });

  it('takes the effective date in the user\'s time zone and refuses dates that do not exist', async () => {
    const { f, id } = await withOpenAi();
    await f.ok('settingsTimeZoneSet', { timeZone: 'America/New_York' });
    const row = await f.ok('settingsPriceOverrideAdd', { providerId: id, model: 'gpt-4o-mini', input: '1', output: '1', effectiveFrom: '2026-03-10' });
    expect(row.overrides[0]?.effectiveFrom).toBe(Date.UTC(2026, 2, 10, 4));
    await expect(f.call('settingsPriceOverrideAdd', { providerId: id, model: 'x', input: '1', output: '1', effectiveFrom: '2026-02-30' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: '2026-02-30 is not a calendar date.' },
    });
    await expect(f.call('settingsPriceOverrideAdd', { providerId: id, model: 'x', input: '-1', output: '1', effectiveFrom: '2026-03-01' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });
});

describe('budgets in Settings', () => {
  it('sets, changes and clears caps from dollar text, with the month\'s spending from the ledger', async () => {
    const { f, id } = await withOpenAi();
    const overall = await f.ok('settingsBudgetSet', { scope: 'overall', cap: '25.50', warnAtPercent: 75 });
    expect(overall.caps).toEqual([
      expect.objectContaining({ label: 'Overall monthly cap', capNanos: 25_500_000_000, warnAtPercent: 75, strict: false, spentNanos: 0, month: '2026-03' }),
    ]);
    const both = await f.ok('settingsBudgetSet', { scope: 'provider', scopeValue: id, cap: '0.000000001', strict: true });
    expect(both.caps.map((c) => [c.label, c.capNanos, c.strict])).toEqual([
      ['Overall monthly cap', 25_500_000_000, false],
      ['OpenAI monthly cap', 1, true],
    ]);
    expect(both.providers).toEqual([{ id, name: 'OpenAI' }]);
    await expect(f.call('settingsBudgetSet', { scope: 'provider', scopeValue: 'nope', cap: '1' })).resolves.toMatchObject({ ok: false, error: { code: 'not_found' } });
    await expect(f.call('settingsBudgetSet', { scope: 'model', cap: '1' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: 'Choose the model this cap applies to.' },
    });
    const cleared = await f.ok('settingsBudgetClear', { scope: 'provider', scopeValue: id });
    expect(cleared.caps.map((c) => c.label)).toEqual(['Overall monthly cap']);
  });
});

describe('general settings', () => {
  it('changes the time zone and rebuilds the rollup\'s local days', async () => {
    // 2026-03-15 02:30 UTC is still March 14 in New York.
    const { f, id } = await withOpenAi({ clock: () => Date.UTC(2026, 2, 15, 2, 30) });
    await (await f.core.chat.send({ providerId: id, model: 'gpt-4o-mini', text: 'hi' })).done;
    const days = () => f.core.store.sqlite.prepare('SELECT day FROM usage_daily_rollup').all();
    expect(days()).toEqual([{ day: '2026-03-15' }]);
    const general = await f.ok('settingsTimeZoneSet', { timeZone: 'America/New_York' });
    expect(general.timeZone).toBe('America/New_York');
    expect(days()).toEqual([{ day: '2026-03-14' }]);
    expect(general.timeZones).toContain('Europe/Paris');
    await expect(f.call('settingsTimeZoneSet', { timeZone: 'Mars/Olympus' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: '"Mars/Olympus" is not a time zone Tallychat knows (like Europe/Paris).' },
    });
  });

  it('keeps a display currency at a user-set rate, dated today, and goes back to USD', async () => {
    const { f } = await withOpenAi();
    const eur = await f.ok('settingsDisplayCurrencySet', { currency: { code: 'EUR', usdRate: '0.92' } });
    expect(eur.displayCurrency).toEqual({ code: 'EUR', usdRate: '0.92', asOf: '2026-03-15' });
    await expect(f.call('settingsDisplayCurrencySet', { currency: { code: 'EUR', usdRate: '0' } })).resolves.toMatchObject({
      ok: false,
      error: { message: 'The exchange rate must be more than zero.' },
    });
    await expect(f.ok('settingsDisplayCurrencySet', { currency: null })).resolves.toMatchObject({ displayCurrency: null });
  });

  it('shows where the data lives', async () => {
    const { f } = await withOpenAi();
    const general = await f.ok('settingsGeneral', {});
    expect([general.dataDir, general.databaseFile, general.backupsDir]).toEqual([
      f.dataDir,
      join(f.dataDir, 'tallychat.sqlite'),
      join(f.dataDir, 'backups'),
    ]);
  });

  it('backs the live database up to a consistent copy with every row', async () => {
    const { f, id } = await withOpenAi();
    await (await f.core.chat.send({ providerId: id, model: 'gpt-4o-mini', text: 'back me up' })).done;
    const first = await f.ok('settingsBackupDatabase', {});
    const second = await f.ok('settingsBackupDatabase', {});
    expect(first.file).toBe(join(f.dataDir, 'backups', 'tallychat-2026-03-15-120000.sqlite'));
    expect(second.file).toBe(join(f.dataDir, 'backups', 'tallychat-2026-03-15-120000-2.sqlite'));
    const copy = new Database(first.file, { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) AS n FROM requests').get()).toEqual({ n: 1 });
      expect(copy.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 2 });
      expect(copy.prepare('SELECT name FROM providers').all()).toEqual([{ name: 'OpenAI' }]);
    } finally {
      copy.close();
    }
    expect(first.bytes).toBeGreaterThan(4096);
    expect(readdirSync(join(f.dataDir, 'backups')).filter((n) => n.endsWith('-wal'))).toEqual([]);
  });

  it('deletes all history only with the phrase, and keeps providers, budgets and prices', async () => {
    const { f, id } = await withOpenAi();
    await f.ok('settingsBudgetSet', { scope: 'overall', cap: '10' });
    await f.ok('settingsPriceOverrideAdd', { providerId: id, model: 'my-finetune', input: '1', output: '1', effectiveFrom: '2026-03-01' });
    for (const text of ['one', 'two']) await (await f.core.chat.send({ providerId: id, model: 'gpt-4o-mini', text })).done;
    await expect(f.call('settingsDeleteAllHistory', { confirm: 'yes' } as never)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    await expect(f.ok('settingsDeleteAllHistory', { confirm: 'delete all history' })).resolves.toEqual({ conversations: 2, messages: 4, requests: 2 });
    const count = (table: string) => (f.core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(['conversations', 'messages', 'requests', 'usage_daily_rollup'].map(count)).toEqual([0, 0, 0, 0]);
    expect(['providers', 'budgets', 'price_overrides'].map(count)).toEqual([1, 1, 1]);
    await expect(f.ok('settingsBudgets', {})).resolves.toMatchObject({ caps: [{ spentNanos: 0 }] });
    expect(existsSync(`${f.core.store.file}-wal`) ? (await import('node:fs')).statSync(`${f.core.store.file}-wal`).size : 0).toBe(0);
  });

  it('leaves nothing derived from the deleted history: per-conversation sums, stored token counts of its texts, the rollup zone', async () => {
    const { f, id } = await withOpenAi();
    const long = `Plan a week in Lisbon. ${'Day by day, with costs. '.repeat(20)}`;
    const first = await f.core.chat.send({ providerId: id, model: 'gpt-4o-mini', text: long });
    await first.done;
    await (await f.core.chat.send({ providerId: id, model: 'gpt-4o-mini', conversationId: first.conversationId, text: 'And the hotel?' })).done;
    const derived = ['usage_conversation_rollup', 'usage_conversation_totals', 'token_counts', 'usage_rollup_zone'];
    const count = (table: string) => (f.core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(derived.map(count).every((n) => n > 0)).toBe(true);
    await f.ok('settingsDeleteAllHistory', { confirm: 'delete all history' });
    expect(derived.map(count)).toEqual([0, 0, 0, 0]);
  });
});
