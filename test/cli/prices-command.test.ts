import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import { CliUsageError, type CliIo } from '../../src/main/cli/cli-io';
import { pricesCommand } from '../../src/main/cli/commands/prices-command';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { CATALOG_VERSION } from '../../src/main/core/pricing/catalog-prices';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir('tallychat-prices-cli-');
const fakes: FakeProvider[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

async function prices(dataDir: string, ...args: string[]) {
  const cap = captureIo();
  const code = await runCli(['prices', ...args, '--data-dir', dataDir], cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

async function withCore<T>(dataDir: string, run: (core: Core) => T): Promise<T> {
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'cli' });
  try {
    return run(core);
  } finally {
    await core.close();
  }
}

const catalog = `genai-prices@${CATALOG_VERSION}`;

describe('tallychat prices show', () => {
  it("shows the catalog's price in exact dollars per million tokens and says it is in force", async () => {
    expect(await prices(tempDir(), 'show', 'gpt-4o', '--provider', 'openai')).toEqual({
      code: 0,
      out:
        'gpt-4o on OpenAI (provider "openai")\n' +
        `Catalog ${catalog} (openai gpt-4o): input $2.50/MTok · output $10.00/MTok · cache read $1.25/MTok · cache write as input · web search $0.01/call\n` +
        `In force now: the catalog's (${catalog}).\n`,
      err: '',
    });
  });

  it('shows tiered prices, and local models as free', async () => {
    const dir = tempDir();
    expect((await prices(dir, 'show', 'claude-sonnet-4-5', '--provider', 'anthropic')).out).toBe(
      'claude-sonnet-4-5 on Anthropic (provider "anthropic")\n' +
        `Catalog ${catalog} (anthropic claude-sonnet-4-5): input $3.00/MTok · output $15.00/MTok · cache read $0.30/MTok · cache write $3.75/MTok · 1-hour cache write $6.00/MTok · web search $0.01/call\n` +
        '  above 200,000 input tokens: input $6.00/MTok · output $22.50/MTok · cache read $0.60/MTok · cache write $7.50/MTok · 1-hour cache write $12.00/MTok\n' +
        `In force now: the catalog's (${catalog}).\n`,
    );
    expect((await prices(dir, 'show', 'llama3.2', '--provider', 'ollama')).out).toBe(
      'llama3.2 on Ollama (provider "ollama")\nCatalog: a local model, free (still metered in tokens).\nIn force now: free (a local model).\n',
    );
  });

  it('a model nobody prices is "price unknown", with the command that adds a price (exit 1)', async () => {
    expect(await prices(tempDir(), 'show', 'house-model-7b', '--provider', 'openai')).toEqual({
      code: 1,
      out: '',
      err:
        'tallychat prices: no price is known for house-model-7b on OpenAI: its requests are metered in tokens with cost "price unknown". ' +
        'Add one with `tallychat prices set --provider openai --model house-model-7b --input USD_PER_MTOK --output USD_PER_MTOK`.\n',
    });
  });
});

describe('tallychat prices set', () => {
  it('stores exact prices from the start of the given local day, and show lists them with the one in force', async () => {
    const dir = tempDir();
    await withCore(dir, (core) => core.settings.set('timeZone', 'America/New_York'));

    const past = await prices(dir, 'set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '0.01875', '--output', '8.5', '--cache-read', '0.005', '--from', '2026-03-08');
    const future = await prices(dir, 'set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '1', '--output', '2', '--cache-write', '1.25', '--from', '2099-01-01');
    const stored = await withCore(dir, (core) => core.overrides.list({ providerId: 'openai', model: 'gpt-4o' }));

    // 2026-03-08 is the day New York moves to summer time, at 02:00: midnight is still EST (UTC-5).
    expect(stored.map(({ id: _id, createdAt: _c, ...o }) => o)).toEqual([
      { providerId: 'openai', model: 'gpt-4o', input: 18_750_000, output: 8_500_000_000, cacheRead: 5_000_000, cacheWrite: null, cacheWrite1h: null, request: null, webSearch: null, effectiveFrom: Date.UTC(2026, 2, 8, 5) },
      { providerId: 'openai', model: 'gpt-4o', input: 1_000_000_000, output: 2_000_000_000, cacheRead: null, cacheWrite: 1_250_000_000, cacheWrite1h: null, request: null, webSearch: null, effectiveFrom: Date.UTC(2099, 0, 1, 5) },
    ]);
    const [first, second] = stored;
    expect(past).toEqual({
      code: 0,
      out:
        'Your price for gpt-4o on OpenAI from 2026-03-08 00:00 (America/New_York): ' +
        `input $0.01875/MTok · output $8.50/MTok · cache read $0.005/MTok · cache write as input  [id ${first!.id}]\n` +
        'In force now: your price from 2026-03-08 00:00.\n' +
        'Requests already in the ledger keep the prices they were charged at.\n',
      err: '',
    });
    expect(future.out.split('\n').slice(1, 2)).toEqual(['In force now: your price from 2026-03-08 00:00.']);

    expect((await prices(dir, 'show', 'gpt-4o', '--provider', 'openai')).out).toBe(
      'gpt-4o on OpenAI (provider "openai")\n' +
        `Catalog ${catalog} (openai gpt-4o): input $2.50/MTok · output $10.00/MTok · cache read $1.25/MTok · cache write as input · web search $0.01/call\n` +
        'Your prices (times in America/New_York):\n' +
        `  from 2026-03-08 00:00: input $0.01875/MTok · output $8.50/MTok · cache read $0.005/MTok · cache write as input  [id ${first!.id}]\n` +
        `  from 2099-01-01 00:00: input $1.00/MTok · output $2.00/MTok · cache read as input · cache write $1.25/MTok  [id ${second!.id}]\n` +
        'In force now: your price from 2026-03-08 00:00.\n',
    );
    expect((await prices(dir, 'show', 'gpt-4o')).out).toBe(
      'gpt-4o (any provider; --provider picks one)\n' +
        `Catalog ${catalog} (openai gpt-4o): input $2.50/MTok · output $10.00/MTok · cache read $1.25/MTok · cache write as input · web search $0.01/call\n` +
        'Your prices (times in America/New_York):\n' +
        `  from 2026-03-08 00:00 on provider "openai": input $0.01875/MTok · output $8.50/MTok · cache read $0.005/MTok · cache write as input  [id ${first!.id}]\n` +
        `  from 2099-01-01 00:00 on provider "openai": input $1.00/MTok · output $2.00/MTok · cache read as input · cache write $1.25/MTok  [id ${second!.id}]\n` +
        'In force now on provider "openai": your price from 2026-03-08 00:00.\n',
    );
  });

  it("takes a 1-hour cache-write price and per-call fees, and shows Perplexity's request fee by search context", async () => {
    const dir = tempDir();
    await withCore(dir, (core) => core.settings.set('timeZone', 'UTC'));
    const set = await prices(dir, 'set', '--provider', 'perplexity', '--model', 'sonar', '--input', '1', '--output', '1', '--request-fee', '0.004', '--web-search-fee', '0.002', '--cache-write-1h', '7.5', '--from', '2026-01-01');
    const [stored] = await withCore(dir, (core) => core.overrides.list({ providerId: 'perplexity', model: 'sonar' }));
    expect(stored).toMatchObject({ input: 1_000_000_000, cacheWrite1h: 7_500_000_000, request: 4_000_000, webSearch: 2_000_000 });
    expect(set.out.split('\n')[0]).toBe(
      'Your price for sonar on Perplexity from 2026-01-01 00:00 (UTC): input $1.00/MTok · output $1.00/MTok · cache read as input · cache write as input · ' +
        `1-hour cache write $7.50/MTok · request fee $0.004/call · web search $0.002/call  [id ${stored!.id}]`,
    );
    expect((await prices(dir, 'show', 'sonar', '--provider', 'perplexity')).out.split('\n')[1]).toBe(
      `Catalog ${catalog} (perplexity sonar): input $1.00/MTok · output $1.00/MTok · cache read as input · cache write as input · ` +
        'request fee by search context low $0.005/call, medium $0.008/call, high $0.012/call',
    );
    const bad = await prices(dir, 'set', '--provider', 'perplexity', '--model', 'sonar', '--input', '1', '--output', '1', '--request-fee', 'five');
    expect(bad).toMatchObject({ code: 2, out: '' });
    expect(bad.err).toContain('--request-fee takes US dollars per call with at most 9 decimals (e.g. 0.005), got "five"');
  });

  it('a price that starts later leaves the catalog in force until then', async () => {
    const dir = tempDir();
    await withCore(dir, (core) => core.settings.set('timeZone', 'UTC'));
    const result = await prices(dir, 'set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '2', '--output', '8', '--from', '2099-12-31');
    expect(result.out.split('\n')[1]).toBe(`In force now: the catalog's (${catalog}).`);
  });

  it('without --from the price starts now; a model the catalog lacks then shows only your price', async () => {
    const dir = tempDir();
    await withCore(dir, (core) => core.settings.set('timeZone', 'UTC'));
    const before = Date.now();
    expect((await prices(dir, 'set', '--provider', 'openai', '--model', 'house-model-7b', '--input', '0.1', '--output', '0.2')).code).toBe(0);
    const after = Date.now();
    const [override] = await withCore(dir, (core) => core.overrides.list({ model: 'house-model-7b' }));
    expect(override!.effectiveFrom).toBeGreaterThanOrEqual(before);
    expect(override!.effectiveFrom).toBeLessThanOrEqual(after);
    const shown = await prices(dir, 'show', 'house-model-7b', '--provider', 'openai');
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(
      /^house-model-7b on OpenAI \(provider "openai"\)\nCatalog: no price for house-model-7b\.\nYour prices \(times in UTC\):\n {2}from \d{4}-\d{2}-\d{2} \d{2}:\d{2}: input \$0\.10\/MTok · output \$0\.20\/MTok · cache read as input · cache write as input {2}\[id [0-9a-f-]{36}\]\nIn force now: your price from \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.\n$/,
    );
  });

  it('a chat after `prices set` is charged at that price, and the row names the override', async () => {
    const dir = tempDir();
    const fake = await startFakeProvider();
    fakes.push(fake);
    await prices(dir, 'set', '--provider', 'openai', '--model', 'gpt-4o-mini', '--input', '1', '--output', '2', '--from', '2020-01-01');
    fake.enqueue({ text: 'Hi.', usage: { input: 1000, output: 500 } });

    const chat = captureIo({ OPENAI_API_KEY: 'sk-test' });
    const code = await runCli(['chat', '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'gpt-4o-mini', '--data-dir', dir, 'Hello'], chat.io);
    expect({ code, out: chat.out() }).toEqual({ code: 0, out: 'Hi.\n' });

    const [override] = await withCore(dir, (core) => core.overrides.list({ model: 'gpt-4o-mini' }));
    const rows = await withCore(dir, (core) =>
      core.store.sqlite.prepare('SELECT status, price_source, cost_usd_nanos FROM requests').all(),
    );
    // 1,000 input tokens at $1/MTok + 500 output tokens at $2/MTok = $0.002.
    expect(rows).toEqual([{ status: 'completed', price_source: `override:${override!.id}`, cost_usd_nanos: 2_000_000 }]);
  });

  it.each([
    [['set', '--model', 'gpt-4o', '--input', '1', '--output', '2'], '--provider is required (a configured provider id or a provider kind)'],
    [['set', '--provider', 'openai', '--input', '1', '--output', '2'], '--model is required'],
    [['set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '1'], '--input and --output are required, in US dollars per million tokens (e.g. --input 2.50 --output 10)'],
    [['set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '1', '--output', '2.0000000001'], '--output takes US dollars per million tokens with at most 9 decimals, below 9,000,000 (e.g. 2.50), got "2.0000000001"'],
    [['set', '--provider', 'openai', '--model', 'gpt-4o', '--input=-1', '--output', '2'], '--input cannot be negative, got "-1"'],
    [['set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '9000000.000000001', '--output', '2'], '--input takes US dollars per million tokens with at most 9 decimals, below 9,000,000 (e.g. 2.50), got "9000000.000000001"'],
    [['set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '1', '--output', '2', '--from', '2026-02-29'], '--from takes a calendar date as YYYY-MM-DD (e.g. 2026-11-01), got "2026-02-29"'],
    [['set', '--provider', 'openai', '--model', 'gpt-4o', '--input', '1', '--output', '2', '--from', '1/11/2026'], '--from takes a calendar date as YYYY-MM-DD (e.g. 2026-11-01), got "1/11/2026"'],
    [['set', '--provider', 'opnai', '--model', 'gpt-4o', '--input', '1', '--output', '2'], 'unknown provider "opnai": use a configured provider id or one of openai, anthropic, gemini, openrouter, xai, mistral, perplexity, ollama, openai-compatible'],
    [['show'], 'give exactly one model name, e.g. gpt-4o'],
    [['show', 'gpt-4o', 'gpt-4o-mini'], 'give exactly one model name, e.g. gpt-4o'],
    [['list'], 'unknown subcommand "list": use show, set or update'],
  ])('usage mistake %j is refused with a message and stores nothing', async (args, message) => {
    const dir = tempDir();
    await expect(pricesCommand.run([...args, '--data-dir', dir], captureIo().io)).rejects.toThrow(new CliUsageError(message));
    expect(await withCore(dir, (core) => core.overrides.list())).toEqual([]);
  });
});
