import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runCli } from '../../src/main/cli/main';
import { createCore } from '../../src/main/core/app/create-core';
import { startFakeAccounts, type FakeAccounts } from '../fake-accounts/fake-account-server';
import { useTempDir } from '../helpers/temp-dir';
import { insertLedgerRows } from '../reports/ledger-fixtures';

const tempDir = useTempDir('tallychat-bill-cli-');
const ADMIN_KEY = 'sk-admin-cli-test-7777';
let accounts: FakeAccounts;
beforeEach(async () => {
  accounts = await startFakeAccounts({ bucketsPerPage: 7, keys: { openai: ADMIN_KEY, anthropic: '-', openrouter: '-', deepseek: '-' } });
});
afterEach(async () => {
  await accounts.close();
});

async function cli(dataDir: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env };
  const code = await runCli([...args, '--data-dir', dataDir], io);
  return { code, out: out.join(''), err: err.join('') };
}

/** A data folder with an OpenAI provider on the fake accounts server and two November days in the ledger. */
async function seeded(): Promise<string> {
  const dataDir = tempDir();
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'cli', deviceSync: false });
  core.providers.save({ id: 'openai', kind: 'openai', name: 'OpenAI', baseUrl: `${accounts.baseUrl}/v1`, keyRef: null, keyLast4: null, enabledModels: [], modelSettings: {}, createdAt: 0, updatedAt: 0 });
  const row = { providerId: 'openai', model: 'gpt-4o-mini', status: 'completed', usageSource: 'provider', inputTokens: 10, outputTokens: 10 } as const;
  insertLedgerRows(core.store.sqlite, [
    { ...row, id: 'r1', startedAt: Date.UTC(2026, 10, 3, 9), cost: 4_000_000 },
    { ...row, id: 'r2', startedAt: Date.UTC(2026, 10, 9, 9), cost: 2_000_000 },
    // A model with no known price: its cost is unknown, in no sum, and named under the table.
    { ...row, id: 'r3', startedAt: Date.UTC(2026, 10, 9, 10), cost: null },
  ]);
  await core.close();
  accounts.data.openaiCosts = [
    { day: '2026-11-03', lineItem: 'gpt-4o-mini-2024-07-18, output', projectId: null, value: 0.0042 },
    { day: '2026-11-09', lineItem: 'gpt-4o-mini-2024-07-18, output', projectId: null, value: 0.002 },
    { day: '2026-11-09', lineItem: 'gpt-4.1-2025-04-14, input', projectId: null, value: 1.5 },
  ];
  return dataDir;
}

it('`tallychat bill-check --month` prints the daily table: the drift flagged, the other app apart', async () => {
  const dataDir = await seeded();
  const enabled = await cli(dataDir, {}, 'bill-check', 'enable', 'openai');
  expect(enabled.out).toBe(
    `The bill check is on for OpenAI. Each check calls:\n  GET ${accounts.baseUrl}/v1/organization/costs\n  GET ${accounts.baseUrl}/v1/organization/usage/completions\n`,
  );

  const checked = await cli(dataDir, { OPENAI_ADMIN_KEY: ADMIN_KEY }, 'bill-check', '--provider', 'openai', '--month', '2026-11');
  expect(checked.err).toBe('');
  expect(checked.code).toBe(0);
  const lines = checked.out.split('\n');
  expect(lines[0]).toBe('OpenAI: November 2026, by UTC day as the provider bills; flagged above 2.00%');
  expect(lines[1]).toMatch(/^Day +Ledger +Billed +Difference +Other apps$/);
  expect(lines.find((l) => l.startsWith('2026-11-03'))).toMatch(/^2026-11-03 +\$0\.004 +\$0\.0042 +\+\$0\.0002 \(\+5\.00%\)  !$/);
  expect(lines.find((l) => l.startsWith('2026-11-09'))).toMatch(/^2026-11-09 +\$0\.002 +\$0\.002 +\$0\.00 \(0\.00%\) +\$1\.50$/);
  expect(lines.filter((l) => /^2026-11-\d\d /.test(l))).toHaveLength(30);
  expect(lines.find((l) => l.startsWith('Total'))).toMatch(/^Total +\$0\.006 +\$0\.0062 +\+\$0\.0002 +\$1\.50$/);
  expect(checked.out).toContain('1 day differs by more than 2.00%: 2026-11-03.\n');
  expect(checked.out).toContain('Requests of unknown price, in no ledger sum above: 2026-11-09 (1).\n');
  expect(checked.out).toContain('Other apps on this account: $1.50, billed but never sent by Tallychat (not counted as drift).\n');
  // 30 days at 7 buckets a page: 5 pages of each report.
  expect(accounts.requests.filter((r) => r.path === '/v1/organization/costs')).toHaveLength(5);

  // --no-fetch prints the stored figures and calls no one.
  const calls = accounts.requests.length;
  const stored = await cli(dataDir, {}, 'bill-check', '--month', '2026-11', '--no-fetch');
  expect(stored.out.split('\n').slice(0, -2)).toEqual(lines.slice(0, -2));
  expect(accounts.requests).toHaveLength(calls);
});

it('a rejected admin key is told on stderr with exit 1, and nothing is stored', async () => {
  const dataDir = await seeded();
  await cli(dataDir, {}, 'bill-check', 'enable', 'openai');
  const failed = await cli(dataDir, { OPENAI_ADMIN_KEY: 'sk-admin-wrong' }, 'bill-check', '--month', '2026-11');
  expect(failed.code).toBe(1);
  expect(failed.err).toBe('OpenAI: OpenAI rejected the admin key (401): Invalid authorization header\n');
  const stored = await cli(dataDir, {}, 'bill-check', '--month', '2026-11', '--no-fetch');
  expect(stored.out).toContain('2026-11-03  $0.004  not fetched');
  expect(stored.out).toContain('Not fetched yet.');
});

it('says how to turn the check on when it is off', async () => {
  const dataDir = await seeded();
  const off = await cli(dataDir, {}, 'bill-check');
  expect(off.code).toBe(2);
  expect(off.err).toContain('the bill check is off for every provider: turn it on with `tallychat bill-check enable ID` or in Settings → Bill check');
});
