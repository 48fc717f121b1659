import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/contract/ipc-result';
import { insertLedgerRows, type SeedRow } from '../reports/ledger-fixtures';
import { at, KEYS, startBillFixture, type BillFixture } from './bill-check-fixture';

let f: BillFixture;
beforeEach(async () => {
  f = await startBillFixture();
});
afterEach(async () => {
  await f.close();
});

const row = (id: string, providerId: string, model: string, startedAt: number, cost: number | null, extra: Partial<SeedRow> = {}): SeedRow => ({
  id,
  providerId,
  model,
  startedAt,
  status: 'completed',
  usageSource: 'provider',
  inputTokens: 1000,
  outputTokens: 100,
  cost,
  ...extra,
});

const bill = () => f.core.services.billCheck;
const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message;
};

describe('OpenAI: organization Costs and Usage APIs against the ledger', () => {
  beforeEach(async () => {
    await f.addProvider('openai', 'openai');
    insertLedgerRows(f.core.store.sqlite, [
      row('a1', 'openai', 'gpt-4o-mini', at(1, 9), 1_000_000),
      row('a2', 'openai', 'gpt-4o-mini', at(1, 23), 2_000_000),
      row('b1', 'openai', 'gpt-4o-mini', at(2), 5_000_000),
      row('c1', 'openai', 'gpt-4o-mini', at(3), 4_000_000),
      row('d1', 'openai', 'gpt-4o-mini', at(4), 1_000_000),
      // Refused rows were never sent: in no sum.
      row('d2', 'openai', 'gpt-4o-mini', at(4), null, { status: 'refused' }),
    ]);
    const line = (day: number, item: string, value: number, projectId: string | null = 'proj_tally') => ({ day: `2026-11-0${day}`, lineItem: item, projectId, value });
    f.accounts.data.openaiCosts = [
      line(1, 'gpt-4o-mini-2024-07-18, input', 0.002),
      line(1, 'gpt-4o-mini-2024-07-18, output', 0.001),
      line(2, 'gpt-4o-mini-2024-07-18, input', 0.005),
      // Another app's project on the same organization.
      line(2, 'gpt-4o-mini-2024-07-18, input', 0.75, 'proj_other'),
      // The planted drift: 5% over the ledger.
      line(3, 'gpt-4o-mini-2024-07-18, output', 0.0042),
      line(4, 'gpt-4o-mini-2024-07-18, output', 0.00101),
      // A model Tallychat never sent that day, in its own project: another app's too.
      line(4, 'o3-2025-04-16, output', 0.3),
    ];
    f.accounts.data.openaiUsage = [
      { day: '2026-11-02', apiKeyId: 'key_tally', model: 'gpt-4o-mini-2024-07-18', input: 4000, output: 400, requests: 1 },
      { day: '2026-11-02', apiKeyId: 'key_other', model: 'gpt-4o-mini-2024-07-18', input: 900_000, output: 2000, requests: 40 },
    ];
  });

  it('names the exact endpoints before it is enabled, and keeps the admin key out of every view', async () => {
    const [before] = bill().accounts();
    expect(before).toMatchObject({
      providerId: 'openai',
      vendor: 'openai',
      enabled: false,
      needsAdminKey: true,
      adminKeySet: false,
      endpoints: [`GET ${f.accounts.baseUrl}/v1/organization/costs`, `GET ${f.accounts.baseUrl}/v1/organization/usage/completions`],
    });
    const after = await bill().enable({ providerId: 'openai', adminKey: KEYS.openai, ownScope: 'proj_tally' });
    expect(after).toMatchObject({ enabled: true, adminKeySet: true, ownScope: 'proj_tally' });
    expect(JSON.stringify(after)).not.toContain('0001');
    expect(JSON.stringify(bill().accounts())).not.toContain(KEYS.openai);
    expect(f.secrets.secrets.get('memory:openai.admin')).toBe(KEYS.openai);
  });

  it('removing the provider removes its admin key from the key store and turns its check off', async () => {
    await bill().enable({ providerId: 'openai', adminKey: KEYS.openai });
    expect(await f.core.services.providerSettings.remove('openai')).toBe(true);
    expect(f.secrets.secrets.has('memory:openai.admin')).toBe(false);
    expect(f.core.store.sqlite.prepare('SELECT * FROM bill_check_accounts').all()).toEqual([]);
  });

  it('computes exact daily differences over every page, flags the planted drift and separates the other apps', async () => {
    await bill().enable({ providerId: 'openai', adminKey: KEYS.openai, ownScope: 'proj_tally' });
    const view = await bill().run('openai');

    expect(view.month).toBe('2026-11');
    expect(view.thresholdBasisPoints).toBe(200);
    const days = view.days.map((d) => [d.day, d.ledgerNanos, d.billedNanos, d.differenceNanos, d.differenceBasisPoints, d.flagged, d.otherAppNanos]);
    expect(days).toEqual([
      ['2026-11-01', 3_000_000, 3_000_000, 0, 0, false, 0],
      ['2026-11-02', 5_000_000, 5_000_000, 0, 0, false, 750_000_000],
      ['2026-11-03', 4_000_000, 4_200_000, 200_000, 500, true, 0],
      ['2026-11-04', 1_000_000, 1_010_000, 10_000, 100, false, 300_000_000],
      ['2026-11-05', 0, 0, 0, null, false, 0],
    ]);
    expect(view.days[1]!.otherApp).toEqual([{ label: 'proj_other · gpt-4o-mini-2024-07-18', amountNanos: 750_000_000 }]);
    expect(view.days[3]!.otherApp).toEqual([{ label: 'o3-2025-04-16', amountNanos: 300_000_000 }]);
    expect(view.days[1]!.apiKeys).toBe(2);
    expect(view.flaggedDays).toBe(1);
    expect(view.totals).toEqual({ ledgerNanos: 13_000_000, billedNanos: 13_210_000, differenceNanos: 210_000, otherAppNanos: 1_050_000_000 });
    expect(view.fetchedAt).toBe(f.core.clock());

    // Five days at two buckets a page: three pages of each report, each asked with the cursor it was given.
    const costs = f.accounts.requests.filter((r) => r.path === '/v1/organization/costs');
    expect(costs.map((r) => r.query.get('page'))).toEqual([null, 'page_2', 'page_4']);
    expect(costs[0]!.query.getAll('group_by')).toEqual(['line_item', 'project_id']);
    expect(costs[0]!.query.get('start_time')).toBe(String(Date.UTC(2026, 10, 1) / 1000));
    expect(costs[0]!.query.get('end_time')).toBe(String(Date.UTC(2026, 10, 6) / 1000));
    expect(costs[0]!.headers.authorization).toBe(`Bearer ${KEYS.openai}`);
    expect(f.accounts.requests.filter((r) => r.path === '/v1/organization/usage/completions')).toHaveLength(3);

    // Stored with its fetch time; the view reads it back without calling anyone.
    const calls = f.accounts.requests.length;
    expect(bill().view('openai')).toEqual(view);
    expect(f.accounts.requests).toHaveLength(calls);
  });

  it('a threshold of 5% leaves the 5% day unflagged (flagged only above it)', async () => {
    await bill().enable({ providerId: 'openai', adminKey: KEYS.openai, ownScope: 'proj_tally' });
    bill().setThreshold(500);
    expect((await bill().run('openai')).flaggedDays).toBe(0);
  });

  it('a rejected admin key shows the vendor’s own words and stores nothing', async () => {
    await bill().enable({ providerId: 'openai', adminKey: 'sk-admin-wrong-9999', ownScope: 'proj_tally' });
    const before = f.snapshot();
    expect(await rejection(bill().run('openai'))).toBe('OpenAI rejected the admin key (401): Invalid authorization header');
    expect(f.snapshot()).toBe(before);
  });

  it('a vendor message that quotes the admin key shows it redacted', async () => {
    await bill().enable({ providerId: 'openai', adminKey: KEYS.openai });
    f.accounts.failOnce('/v1/organization/costs', 403, { error: { message: `The key ${KEYS.openai} lacks the api.usage.read scope` } });
    const message = await rejection(bill().run('openai'));
    expect(message).toBe('OpenAI refused the admin key access to its Costs API (403): The key [redacted] lacks the api.usage.read scope');
  });

  it('a failure on the third page stores nothing of the two pages read before it', async () => {
    await bill().enable({ providerId: 'openai', adminKey: KEYS.openai, ownScope: 'proj_tally' });
    f.accounts.failOnce('/v1/organization/costs', 500, { error: { message: 'The server had an error while processing your request.' } }, 'page_4');
    const before = f.snapshot();
    expect(await rejection(bill().run('openai'))).toBe('OpenAI could not answer its Costs API (500): The server had an error while processing your request.');
    expect(f.snapshot()).toBe(before);
    // The next check reads all of it.
    expect((await bill().run('openai')).flaggedDays).toBe(1);
  });

  it('without a stored admin key or OPENAI_ADMIN_KEY it says where to add one, and calls no one', async () => {
    await bill().enable({ providerId: 'openai' });
    expect(await rejection(bill().run('openai'))).toBe(
      "OpenAI's usage and cost reports need an admin key: add it in Settings → Bill check, or set OPENAI_ADMIN_KEY.",
    );
    expect(f.accounts.requests).toHaveLength(0);
  });
});

describe('Anthropic: the Admin API cost and usage reports', () => {
  beforeEach(async () => {
    await f.addProvider('claude', 'anthropic');
    insertLedgerRows(f.core.store.sqlite, [
      row('k1', 'claude', 'claude-sonnet-4-0', at(2), 12_345_678),
      row('k2', 'claude', 'claude-sonnet-4-0', at(3), 8_000_000),
      row('k3', 'claude', 'claude-sonnet-4-0', at(3, 11), null),
    ]);
    const cost = (day: number, cents: string, workspaceId: string | null = 'wrkspc_tally', model = 'claude-sonnet-4-20250514') => ({
      day: `2026-11-0${day}`,
      workspaceId,
      model,
      description: `${model} Usage - Input Tokens`,
      cents,
    });
    f.accounts.data.anthropicCosts = [
      // 1.2345678 cents = 12,345,678 nano-dollars: no drift.
      cost(2, '1.2345678'),
      // 0.9 cents against 0.8: 12.5% over, flagged.
      cost(3, '0.9'),
      // The default workspace is another app's when Tallychat's is named.
      cost(3, '250', null),
    ];
    f.accounts.data.anthropicUsage = [{ day: '2026-11-03', apiKeyId: 'apikey_01', model: 'claude-sonnet-4-20250514', uncached: 100, cacheRead: 0, cacheWrite5m: 0, output: 10 }];
  });

  it('reads cents exactly, pages with next_page, sends the anthropic-version header, and separates the default workspace', async () => {
    await bill().enable({ providerId: 'claude', adminKey: KEYS.anthropic, ownScope: 'wrkspc_tally' });
    const view = await bill().run('claude');
    const days = view.days.map((d) => [d.day, d.ledgerNanos, d.billedNanos, d.differenceNanos, d.differenceBasisPoints, d.flagged, d.otherAppNanos, d.unpricedRequests]);
    expect(days).toEqual([
      ['2026-11-01', 0, 0, 0, null, false, 0, 0],
      ['2026-11-02', 12_345_678, 12_345_678, 0, 0, false, 0, 0],
      ['2026-11-03', 8_000_000, 9_000_000, 1_000_000, 1250, true, 2_500_000_000, 1],
      ['2026-11-04', 0, 0, 0, null, false, 0, 0],
      ['2026-11-05', 0, 0, 0, null, false, 0, 0],
    ]);
    expect(view.days[2]!.otherApp).toEqual([{ label: 'default · claude-sonnet-4-20250514', amountNanos: 2_500_000_000 }]);
    const reports = f.accounts.requests.filter((r) => r.path === '/v1/organizations/cost_report');
    expect(reports.map((r) => r.query.get('page'))).toEqual([null, 'page_2', 'page_4']);
    expect(reports[0]!.query.getAll('group_by[]')).toEqual(['workspace_id', 'description']);
    expect(reports[0]!.headers['anthropic-version']).toBe('2023-06-01');
    expect(reports[0]!.headers['x-api-key']).toBe(KEYS.anthropic);
  });

  it("Anthropic's refusal is shown in its own words and nothing is stored", async () => {
    await bill().enable({ providerId: 'claude', adminKey: 'sk-ant-wrong-key-0000' });
    const before = f.snapshot();
    expect(await rejection(bill().run('claude'))).toBe('Anthropic rejected the admin key (401): invalid x-api-key');
    expect(f.snapshot()).toBe(before);
  });
});

describe('OpenRouter: credits and the generation lookup', () => {
  beforeEach(async () => {
    await f.addProvider('or', 'openrouter', KEYS.openrouter);
    insertLedgerRows(f.core.store.sqlite, [
      // The stream carried its cost.
      row('g1', 'or', 'openai/gpt-4o', at(2), 1_000_000, { providerCost: 1_100_000 }),
      // No cost in the stream: looked up by generation id.
      row('g2', 'or', 'openai/gpt-4o', at(2, 12), 2_000_000),
      // Not known to OpenRouter yet (404): left for the next check.
      row('g3', 'or', 'openai/gpt-4o', at(3), 3_000_000),
    ]);
    const setId = f.core.store.sqlite.prepare('UPDATE requests SET provider_response_id = ? WHERE id = ?');
    setId.run('gen-2', 'g2');
    setId.run('gen-3', 'g3');
    f.accounts.data.openrouterGenerations = { 'gen-2': 0.0021 };
    f.accounts.data.openrouterCredits = { total_credits: 20, total_usage: 7.25 };
  });

  it("fills a row's missing provider cost into the bill tables, not the ledger row, and compares per request", async () => {
    await bill().enable({ providerId: 'or' });
    const ledgerBefore = JSON.stringify(f.core.store.sqlite.prepare('SELECT * FROM requests ORDER BY id').all());
    const view = await bill().run('or');
    expect(JSON.stringify(f.core.store.sqlite.prepare('SELECT * FROM requests ORDER BY id').all())).toBe(ledgerBefore);
    expect(f.core.store.sqlite.prepare('SELECT request_id, generation_id, cost_usd_nanos FROM bill_generation_costs').all()).toEqual([
      { request_id: 'g2', generation_id: 'gen-2', cost_usd_nanos: 2_100_000 },
    ]);
    const nov2 = view.days[1]!;
    expect([nov2.ledgerNanos, nov2.billedNanos, nov2.differenceNanos, nov2.differenceBasisPoints, nov2.flagged]).toEqual([3_000_000, 3_200_000, 200_000, 667, true]);
    expect(view.days[2]).toMatchObject({ ledgerNanos: 0, billedNanos: 0, uncomparedRequests: 1, otherAppNanos: null });
    // Per-request figures cannot see another app: unknown, not zero.
    expect(view.totals).toEqual({ ledgerNanos: 3_000_000, billedNanos: 3_200_000, differenceNanos: 200_000, otherAppNanos: null });
    expect(view.balances).toEqual([{ currency: 'USD', totalNanos: 12_750_000_000, purchasedNanos: 20_000_000_000, usedNanos: 7_250_000_000, fetchedAt: f.core.clock() }]);
    const lookups = f.accounts.requests.filter((r) => r.path === '/api/v1/generation').map((r) => r.query.get('id'));
    expect(lookups).toEqual(['gen-2', 'gen-3']);

    // A second check asks only for what is still missing.
    f.accounts.requests.length = 0;
    f.accounts.data.openrouterGenerations['gen-3'] = 0.003;
    const again = await bill().run('or');
    expect(f.accounts.requests.filter((r) => r.path === '/api/v1/generation').map((r) => r.query.get('id'))).toEqual(['gen-3']);
    expect(again.days[2]).toMatchObject({ ledgerNanos: 3_000_000, billedNanos: 3_000_000, differenceNanos: 0, uncomparedRequests: 0 });
  });
});

describe('OpenRouter: other apps, from the credits read at two checks', () => {
  it("the account's usage beyond the provider figures of Tallychat's requests between two reads is another app's", async () => {
    await f.addProvider('or', 'openrouter', KEYS.openrouter);
    await bill().enable({ providerId: 'or' });
    f.accounts.data.openrouterCredits = { total_credits: 20, total_usage: 7.25 };
    expect((await bill().run('or')).accountUsage).toBeNull();

    const minute = 60_000;
    insertLedgerRows(f.core.store.sqlite, [
      row('h1', 'or', 'openai/gpt-4o', f.clock() + 10 * minute, 900_000, { providerCost: 1_000_000 }),
      row('h2', 'or', 'openai/gpt-4o', f.clock() + 20 * minute, 400_000),
    ]);
    f.core.store.sqlite.prepare("UPDATE requests SET provider_response_id = 'gen-9' WHERE id = 'h2'").run();
    f.accounts.data.openrouterGenerations = { 'gen-9': 0.0005 };
    f.accounts.data.openrouterCredits = { total_credits: 20, total_usage: 7.2523 };
    f.clock.advance(60 * minute);
    const view = await bill().run('or');
    expect(view.accountUsage).toEqual({
      fromMs: at(5, 12),
      toMs: at(5, 13),
      accountUsedNanos: 2_300_000,
      tallychatNanos: 1_500_000,
      otherAppNanos: 800_000,
      uncomparedRequests: 0,
    });
    expect(view.totals?.otherAppNanos).toBe(800_000);
  });
});

describe('DeepSeek: the balance', () => {
  it('is checked as DeepSeek only when an OpenAI-compatible provider is named so, and stores the balance in its own currency', async () => {
    await f.addProvider('ds', 'openai-compatible', KEYS.deepseek);
    expect(bill().accounts()).toMatchObject([{ providerId: 'ds', vendor: 'deepseek', enabled: false, needsAdminKey: false }]);
    expect(await rejection(bill().enable({ providerId: 'ds' }))).toBe(
      'My ds has no account API Tallychat can check (an OpenAI-compatible endpoint can be checked as DeepSeek).',
    );
    const account = await bill().enable({ providerId: 'ds', vendor: 'deepseek' });
    expect(account.endpoints).toEqual([`GET ${f.accounts.baseUrl}/user/balance`]);
    f.accounts.data.deepseekBalances = [{ currency: 'CNY', total_balance: '110.00', granted_balance: '10.00', topped_up_balance: '100.00' }];
    const view = await bill().run('ds');
    expect(view.days).toEqual([]);
    expect(view.totals).toBeNull();
    expect(view.balances).toEqual([{ currency: 'CNY', totalNanos: 110_000_000_000, purchasedNanos: null, usedNanos: null, fetchedAt: f.core.clock() }]);
    expect(view.note).toBe("DeepSeek's account API reports a balance only: there are no daily figures to compare.");
  });
});
