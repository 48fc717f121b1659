import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-io';
import { budgetCommand } from '../../src/main/cli/commands/budget-command';
import { runCli } from '../../src/main/cli/main';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import type { MethodName, RequestOf } from '../../src/shared/contract';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('tallychat-hosts-');
const ZONE = 'Europe/Paris';

async function cli(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  const code = await runCli([...args, '--data-dir', dataDir], io);
  return { code, out: out.join(''), err: err.join('') };
}

async function withCore<T>(dataDir: string, run: (core: Core) => T | Promise<T>): Promise<T> {
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'cli' });
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}

function contract<M extends MethodName>(dataDir: string, method: M, request: RequestOf<M>) {
  return withCore(dataDir, (core) => core.dispatch(method, request));
}

/** What a cap is, without the row's own id and timestamps. */
const storedCaps = (dataDir: string) =>
  withCore(dataDir, (core) => core.budgets.list().map(({ id: _id, ...cap }) => cap));
const storedPrices = (dataDir: string) =>
  withCore(dataDir, (core) => core.overrides.list().map(({ id: _id, createdAt: _at, ...price }) => price));

/** Two fresh data folders with the same settings: one driven by the CLI, one through the contract. */
async function twoFolders(settings: { strictCapsByDefault?: boolean } = {}) {
  const dirs = { cli: tempDir(), contract: tempDir() };
  for (const dir of Object.values(dirs)) {
    await withCore(dir, (core) => {
      core.settings.set('timeZone', ZONE);
      if (settings.strictCapsByDefault !== undefined) core.settings.set('strictCapsByDefault', settings.strictCapsByDefault);
    });
  }
  return dirs;
}

describe('the CLI and the contract apply the same budget rules', () => {
  it('store the same caps, with the strict-by-default setting deciding when neither says', async () => {
    const dirs = await twoFolders({ strictCapsByDefault: true });
    expect((await cli(dirs.cli, 'budget', 'set', '--monthly', '20.5', '--warn-at', '60')).code).toBe(0);
    expect((await cli(dirs.cli, 'budget', 'set', '--monthly', '0.000000001', '--provider', 'openai', '--no-strict')).code).toBe(0);
    expect((await cli(dirs.cli, 'budget', 'set', '--monthly', '3', '--model', 'gpt-4o')).code).toBe(0);
    expect(await contract(dirs.contract, 'settingsBudgetSet', { scope: 'overall', cap: '20.5', warnAtPercent: 60 })).toMatchObject({ ok: true });
    expect(await contract(dirs.contract, 'settingsBudgetSet', { scope: 'provider', scopeValue: 'openai', cap: '0.000000001', strict: false })).toMatchObject({ ok: true });
    expect(await contract(dirs.contract, 'settingsBudgetSet', { scope: 'model', scopeValue: 'gpt-4o', cap: '3' })).toMatchObject({ ok: true });

    const expected = [
      { scope: 'model', scopeValue: 'gpt-4o', monthlyCap: 3_000_000_000, warnAtPercent: 80, strict: true },
      { scope: 'overall', scopeValue: '', monthlyCap: 20_500_000_000, warnAtPercent: 60, strict: true },
      { scope: 'provider', scopeValue: 'openai', monthlyCap: 1, warnAtPercent: 80, strict: false },
    ];
    expect(await storedCaps(dirs.cli)).toEqual(expected);
    expect(await storedCaps(dirs.contract)).toEqual(expected);
  });

  it('refuse a cap on a provider that is neither configured nor a provider kind, and store nothing', async () => {
    const dirs = await twoFolders();
    const message = 'Unknown provider "opnai": use a configured provider id or one of openai, anthropic, gemini, openrouter, xai, mistral, perplexity, ollama, openai-compatible.';

    expect(await cli(dirs.cli, 'budget', 'set', '--monthly', '5', '--provider', 'opnai')).toEqual({
      code: 2,
      out: '',
      err: `tallychat budget: ${message.charAt(0).toLowerCase()}${message.slice(1, -1)}\nUsage: ${budgetCommand.usage}\n`,
    });
    expect(await contract(dirs.contract, 'settingsBudgetSet', { scope: 'provider', scopeValue: 'opnai', cap: '5' })).toEqual({
      ok: false,
      error: { code: 'not_found', message, retryable: false },
    });
    expect(await storedCaps(dirs.cli)).toEqual([]);
    expect(await storedCaps(dirs.contract)).toEqual([]);
  });

  it('clear the same cap and leave the same caps behind', async () => {
    const dirs = await twoFolders();
    for (const dir of Object.values(dirs)) {
      await cli(dir, 'budget', 'set', '--monthly', '20');
      await cli(dir, 'budget', 'set', '--monthly', '3', '--model', 'gpt-4o');
    }
    expect((await cli(dirs.cli, 'budget', 'clear', '--model', 'gpt-4o')).code).toBe(0);
    expect(await contract(dirs.contract, 'settingsBudgetClear', { scope: 'model', scopeValue: 'gpt-4o' })).toMatchObject({ ok: true });
    const expected = [{ scope: 'overall', scopeValue: '', monthlyCap: 20_000_000_000, warnAtPercent: 80, strict: false }];
    expect(await storedCaps(dirs.cli)).toEqual(expected);
    expect(await storedCaps(dirs.contract)).toEqual(expected);
  });
});

describe('the CLI and the contract apply the same price rules', () => {
  it('store the same override, from the same local day in the settings\' time zone', async () => {
    const dirs = await twoFolders();
    const set = await cli(dirs.cli, 'prices', 'set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '2.50', '--output', '10', '--cache-read', '0.01875', '--cache-write-1h', '5', '--request-fee', '0.004', '--from', '2026-12-01');
    expect(set.code).toBe(0);
    expect(
      await contract(dirs.contract, 'settingsPriceOverrideAdd', {
        providerId: 'openai',
        model: 'gpt-4o',
        input: '2.50',
        output: '10',
        cacheRead: '0.01875',
        cacheWrite1h: '5',
        requestFee: '0.004',
        effectiveFrom: '2026-12-01',
      }),
    ).toMatchObject({ ok: true, value: { providerId: 'openai', providerName: 'OpenAI', model: 'gpt-4o' } });

    const expected = [
      {
        providerId: 'openai',
        model: 'gpt-4o',
        input: 2_500_000_000,
        output: 10_000_000_000,
        cacheRead: 18_750_000,
        cacheWrite: null,
        cacheWrite1h: 5_000_000_000,
        request: 4_000_000,
        webSearch: null,
        // Midnight in Paris (UTC+1 in December).
        effectiveFrom: Date.UTC(2026, 10, 30, 23),
      },
    ];
    expect(await storedPrices(dirs.cli)).toEqual(expected);
    expect(await storedPrices(dirs.contract)).toEqual(expected);
  });

  it('refuse a price on an unknown provider the same way, and store nothing', async () => {
    const dirs = await twoFolders();
    const cliResult = await cli(dirs.cli, 'prices', 'set', '--provider', 'opnai', '--model', 'gpt-4o', '--input', '1', '--output', '2');
    expect(cliResult.code).toBe(2);
    expect(cliResult.err.split('\n')[0]).toBe(
      'tallychat prices: unknown provider "opnai": use a configured provider id or one of openai, anthropic, gemini, openrouter, xai, mistral, perplexity, ollama, openai-compatible',
    );
    expect(
      await contract(dirs.contract, 'settingsPriceOverrideAdd', { providerId: 'opnai', model: 'gpt-4o', input: '1', output: '2', effectiveFrom: '2026-12-01' }),
    ).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'Unknown provider "opnai": use a configured provider id or one of openai, anthropic, gemini, openrouter, xai, mistral, perplexity, ollama, openai-compatible.',
        retryable: false,
      },
    });
    expect(await storedPrices(dirs.cli)).toEqual([]);
    expect(await storedPrices(dirs.contract)).toEqual([]);
  });
});
