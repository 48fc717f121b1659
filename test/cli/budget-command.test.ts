import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError, type CliIo } from '../../src/main/cli/cli-io';
import { budgetCommand } from '../../src/main/cli/commands/budget-command';
import { runCli } from '../../src/main/cli/main';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import type { FinalStatus } from '../../src/main/core/ledger/ledger-types';
import { monthRangeAt } from '../../src/main/core/time/zoned-calendar';
import { nanodollars } from '../../src/shared/money';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { useTempDir } from '../helpers/temp-dir';

const exec = promisify(execFile);
const tempDir = useTempDir('tallychat-budget-cli-');
const fakes: FakeProvider[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

async function budget(dataDir: string, ...args: string[]) {
  const cap = captureIo();
  const code = await runCli(['budget', ...args, '--data-dir', dataDir], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

/** Opens the same data folder as the CLI does, to seed settings and ledger rows. */
function seedCore(dataDir: string): Core {
  return createCore({ dataDir, appVersion: '0.0.0-test', host: 'cli' });
}

async function withSeedCore<T>(dataDir: string, run: (core: Core) => T): Promise<T> {
  const core = seedCore(dataDir);
  try {
    return run(core);
  } finally {
    await core.close();
  }
}

let nextId = 0;
function addRow(core: Core, row: { at: number; providerId: string; model: string; cost: number | null; status?: FinalStatus | 'open' }) {
  const id = `req-${++nextId}`;
  core.ledger.open({
    id,
    conversationId: null,
    userMessageId: null,
    providerId: row.providerId,
    providerKind: row.providerId,
    model: row.model,
    streamed: true,
    estimatedInputTokens: 100,
    reservation: nanodollars(row.status === 'open' ? (row.cost ?? 0) : 777),
    startedAt: row.at,
    // Another live process (start-up recovery finalizes only rows of dead ones, or of this one).
    ownerPid: process.ppid,
  });
  if (row.status === 'open') return;
  core.ledger.finalize({
    id,
    status: row.status ?? 'completed',
    usage: { inputTokens: 100, outputTokens: 50 },
    usageSource: 'provider',
    cost: row.cost === null ? null : nanodollars(row.cost),
    finishedAt: row.at + 1000,
    durationMs: 1000,
  });
}

// Pacific/Auckland is UTC+13 in November: the local month starts on the previous UTC day, so a
// row counted only by a UTC month would give a different total.
const ZONE = 'Pacific/Auckland';

describe('tallychat budget', () => {
  it('status with no caps says how to set one', async () => {
    const result = await budget(tempDir(), 'status');
    expect(result).toEqual({ code: 0, out: 'No monthly caps are set. Set one with `tallychat budget set --monthly USD`.\n', err: '' });
  });

  it('set prints the cap and where this month stands, from the ledger in the settings\' time zone', async () => {
    const dir = tempDir();
    const core = seedCore(dir);
    core.settings.set('timeZone', ZONE);
    const month = monthRangeAt(Date.now(), ZONE);
    addRow(core, { at: month.startMs + 1, providerId: 'openai', model: 'gpt-4o', cost: 1_234_567_890 });
    addRow(core, { at: month.startMs - 1, providerId: 'openai', model: 'gpt-4o', cost: 9_000_000_000 }); // last month
    addRow(core, { at: month.startMs + 2, providerId: 'openai', model: 'gpt-4o', cost: 5_000_000, status: 'open' });
    await core.close();

    const result = await budget(dir, 'set', '--monthly', '20');
    expect(result).toEqual({
      code: 0,
      out:
        'Overall monthly cap: $20.00 a month, warning at 80%, not strict (a running answer may finish past the cap; the next request is refused).\n' +
        `${month.key}: $1.23 spent, $0.005 reserved, $18.76 remaining (6% used).\n`,
      err: '',
    });
  });

  it('status lists every cap, widest first, with spent, reserved, remaining, % used and state', async () => {
    const dir = tempDir();
    const core = seedCore(dir);
    core.settings.set('timeZone', ZONE);
    const month = monthRangeAt(Date.now(), ZONE);
    addRow(core, { at: month.startMs + 1, providerId: 'openai', model: 'gpt-4o', cost: 1_234_567_890 });
    addRow(core, { at: month.startMs + 2, providerId: 'openai', model: 'gpt-4o', cost: 5_000_000, status: 'open' });
    addRow(core, { at: month.startMs + 3, providerId: 'anthropic', model: 'claude-sonnet-4-5', cost: 250_000_000 });
    addRow(core, { at: month.startMs + 4, providerId: 'openai', model: 'mystery-model', cost: null }); // price unknown adds nothing
    addRow(core, { at: month.startMs - 1, providerId: 'anthropic', model: 'claude-sonnet-4-5', cost: 7_000_000_000 });
    await core.close();

    expect((await budget(dir, 'set', '--monthly', '0.2', '--model', 'claude-sonnet-4-5')).code).toBe(0);
    expect((await budget(dir, 'set', '--monthly', '1.25', '--provider', 'openai', '--warn-at', '50', '--strict')).code).toBe(0);
    expect((await budget(dir, 'set', '--monthly', '20')).code).toBe(0);

    const result = await budget(dir, 'status');
    expect(result.err).toBe('');
    expect(result.out).toBe(
      [
        `Monthly caps for ${month.key} (time zone ${ZONE}):`,
        'CAP                            MONTHLY  SPENT  RESERVED  REMAINING  USED  WARN AT  STRICT  STATE',
        'Overall monthly cap             $20.00  $1.48    $0.005     $18.51    7%      80%  no      ok',
        'OpenAI monthly cap               $1.25  $1.23    $0.005    $0.0104   99%      50%  yes     warning',
        'claude-sonnet-4-5 monthly cap    $0.20  $0.25     $0.00     -$0.05  125%      80%  no      reached',
        '',
      ].join('\n'),
    );

    const json = await budget(dir, 'status', '--json');
    expect(JSON.parse(json.out)).toEqual({
      month: month.key,
      time_zone: ZONE,
      caps: [
        {
          label: 'Overall monthly cap',
          scope: 'overall',
          scope_value: '',
          cap_usd: '20.000000000',
          spent_usd: '1.484567890',
          reserved_usd: '0.005000000',
          remaining_usd: '18.510432110',
          percent_used: 7,
          warn_at_percent: 80,
          strict: false,
        },
        {
          label: 'OpenAI monthly cap',
          scope: 'provider',
          scope_value: 'openai',
          cap_usd: '1.250000000',
          spent_usd: '1.234567890',
          reserved_usd: '0.005000000',
          remaining_usd: '0.010432110',
          percent_used: 99,
          warn_at_percent: 50,
          strict: true,
        },
        {
          label: 'claude-sonnet-4-5 monthly cap',
          scope: 'model',
          scope_value: 'claude-sonnet-4-5',
          cap_usd: '0.200000000',
          spent_usd: '0.250000000',
          reserved_usd: '0.000000000',
          remaining_usd: '-0.050000000',
          percent_used: 125,
          warn_at_percent: 80,
          strict: false,
        },
      ],
    });
  });

  it('set replaces the cap of the same scope, exact to the nano-dollar, and follows the strict-by-default setting', async () => {
    const dir = tempDir();
    const core = seedCore(dir);
    core.settings.set('strictCapsByDefault', true);
    await core.close();

    expect((await budget(dir, 'set', '--monthly', '10', '--provider', 'anthropic')).out).toContain(
      'Anthropic monthly cap: $10.00 a month, warning at 80%, strict (a running answer is cut off at the cap).\n',
    );
    const again = await budget(dir, 'set', '--monthly', '0.123456789', '--provider', 'anthropic', '--warn-at', '95', '--no-strict');
    expect(again.out.split('\n')[0]).toBe(
      'Anthropic monthly cap: $0.1235 a month, warning at 95%, not strict (a running answer may finish past the cap; the next request is refused).',
    );

    const reopened = seedCore(dir);
    try {
      expect(reopened.budgets.list()).toEqual([
        expect.objectContaining({ scope: 'provider', scopeValue: 'anthropic', monthlyCap: 123_456_789, warnAtPercent: 95, strict: false }),
      ]);
    } finally {
      await reopened.close();
    }
  });

  it('clear removes one cap and says so; clearing a cap that is not there fails with exit 1', async () => {
    const dir = tempDir();
    await budget(dir, 'set', '--monthly', '20');
    await budget(dir, 'set', '--monthly', '3', '--model', 'gpt-4o');

    expect(await budget(dir, 'clear', '--model', 'gpt-4o')).toEqual({
      code: 0,
      out: 'Cleared the gpt-4o monthly cap (it was $3.00 a month).\n',
      err: '',
    });
    expect(await budget(dir, 'clear', '--model', 'gpt-4o')).toEqual({
      code: 1,
      out: '',
      err: 'tallychat budget: nothing to clear: no monthly cap is set for model "gpt-4o".\n',
    });
    expect((await budget(dir, 'status')).out).toContain('\nOverall monthly cap   $20.00  $0.00     $0.00     $20.00    0%      80%  no      ok\n');
    expect((await budget(dir, 'clear', '--overall')).out).toBe('Cleared the Overall monthly cap (it was $20.00 a month).\n');
    expect((await budget(dir, 'status')).out).toBe('No monthly caps are set. Set one with `tallychat budget set --monthly USD`.\n');
  });

  it.each([
    [['set'], '--monthly is required (the cap in US dollars, e.g. --monthly 20)'],
    [['set', '--monthly', '12.3456789012'], '--monthly takes US dollars with at most 9 decimals, below 9,000,000 (e.g. 20 or 12.50), got "12.3456789012"'],
    [['set', '--monthly', '$20'], '--monthly takes US dollars with at most 9 decimals, below 9,000,000 (e.g. 20 or 12.50), got "$20"'],
    [['set', '--monthly', '10000000'], '--monthly takes US dollars with at most 9 decimals, below 9,000,000 (e.g. 20 or 12.50), got "10000000"'],
    [['set', '--monthly=-1'], '--monthly cannot be negative, got "-1"'],
    [['set', '--monthly', '5', '--provider', 'openai', '--model', 'gpt-4o'], 'a cap is for one provider or one model, not both: give --provider or --model'],
    [['set', '--monthly', '5', '--warn-at', '0'], '--warn-at takes a whole percentage from 1 to 100, got "0"'],
    [['set', '--monthly', '5', '--warn-at', '80.5'], '--warn-at takes a whole percentage from 1 to 100, got "80.5"'],
    [['set', '--monthly', '5', '--strict', '--no-strict'], '--strict and --no-strict contradict each other'],
    [['set', '--monthly', '5', '--provider', 'opnai'], 'unknown provider "opnai": use a configured provider id or one of openai, anthropic, gemini, openrouter, xai, mistral, perplexity, ollama, openai-compatible'],
    [['clear'], 'say which cap to clear: exactly one of --overall, --provider ID or --model MODEL'],
    [['clear', '--overall', '--model', 'gpt-4o'], 'say which cap to clear: exactly one of --overall, --provider ID or --model MODEL'],
    [['raise'], 'unknown subcommand "raise": use set, status or clear'],
  ])('usage mistake %j is refused with a message and nothing is written', async (args, message) => {
    const dir = tempDir();
    await expect(budgetCommand.run([...args, '--data-dir', dir], captureIo().io)).rejects.toThrow(new CliUsageError(message));
    expect((await budget(dir, 'status')).out).toBe('No monthly caps are set. Set one with `tallychat budget set --monthly USD`.\n');
  });
});

describe('tallychat chat over a hard cap (real binary, fake provider)', () => {
  it('is refused with exit code 3 and the message naming the cap, and the provider receives nothing', async () => {
    const dir = tempDir();
    const fake = await startFakeProvider();
    fakes.push(fake);
    expect((await budget(dir, 'set', '--monthly', '0.000001')).code).toBe(0);
    const month = monthRangeAt(Date.now(), (await withSeedCore(dir, (core) => core.settings.get('timeZone'))));
    const chat = ['bin/tallychat.mjs', 'chat', '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'gpt-4o-mini'];
    const env = { ...process.env, OPENAI_API_KEY: 'sk-test', TALLYCHAT_DATA_DIR: dir };

    const refused = await exec(process.execPath, [...chat, '--max-tokens', '100', 'Hello'], { env }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    // The estimate: 8 prompt tokens (Hello, its role and the chat framing) at $0.15/MTok plus
    // 100 expected output tokens at $0.60/MTok = 61,200 nano-dollars.
    expect(refused).toEqual({
      code: 3,
      stdout: '',
      stderr:
        `tallychat chat: Overall monthly cap would be exceeded: $0.00 spent of $0.000001 in ${month.key}; ` +
        'this request is estimated at $0.000061. Raise the cap, or allow this one request past it.\n',
    });
    expect(fake.requests).toEqual([]);
    const rows = await withSeedCore(dir, (core) =>
      core.store.sqlite.prepare('SELECT status, reserved_usd_nanos, cost_usd_nanos FROM requests').all(),
    );
    expect(rows).toEqual([{ status: 'refused', reserved_usd_nanos: 0, cost_usd_nanos: null }]);

    // The same request, allowed past the cap once, does reach the provider: the refusal was the cap.
    const allowed = await exec(process.execPath, [...chat, '--max-tokens', '100', '--allow-over-cap', 'Hello'], { env });
    expect(allowed.stdout).toBe('Echo: Hello\n');
    expect(fake.requests).toHaveLength(1);
  });
});
