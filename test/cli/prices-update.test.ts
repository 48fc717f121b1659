import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import type { CliIo } from '../../src/main/cli/cli-io';
import { createCore } from '../../src/main/core/app/create-core';
import { CATALOG_VERSION } from '../../src/main/core/pricing/catalog-prices';
import { priceDataFile } from '../../src/main/core/pricing/price-data-file';
import { useTempDir } from '../helpers/temp-dir';
import { priceDataText, startPriceServer } from '../pricing/price-data-fixture';

const tempDir = useTempDir('tallychat-prices-update-');
const NEWER = priceDataText({ input: 5, cacheRead: 2.5, output: 20 });
let server: Awaited<ReturnType<typeof startPriceServer>>;

beforeEach(async () => {
  server = await startPriceServer({ '/data.json': { body: NEWER }, '/cut.json': { body: NEWER.slice(0, 300) } });
});
afterEach(async () => {
  await server.close();
});

async function prices(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  const code = await runCli(['prices', ...args, '--data-dir', dataDir], io);
  return { code, out: out.join(''), err: err.join('') };
}

async function sourceIn(dataDir: string): Promise<string> {
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'cli' });
  try {
    return core.services.priceData.view().source;
  } finally {
    await core.close();
  }
}

const DATED = /genai-prices-data@\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/;

describe('tallychat prices update', () => {
  it('--url fetches, checks and stores the data; the core then prices new requests with it', async () => {
    const dir = tempDir();
    const result = await prices(dir, 'update', '--url', server.url('/data.json'));
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      new RegExp(
        `^Prices updated: 7 providers from ${server.url('/data.json').replace(/[.]/g, '\\.')}, dated \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\\.\\n` +
          `New requests are priced with ${DATED.source}; requests already in the ledger keep the prices they were charged at\\.\\n$`,
      ),
    );
    expect(await sourceIn(dir)).toMatch(DATED);
    expect((await prices(dir, 'show', 'gpt-4o', '--provider', 'openai')).out).toContain('input $5.00/MTok · output $20.00/MTok · cache read $2.50/MTok');
  });

  it('--file imports a data file offline', async () => {
    const dir = tempDir();
    const file = join(dir, 'data.json');
    writeFileSync(file, NEWER);
    const result = await prices(dir, 'update', '--file', file);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('Prices updated: 7 providers from file:data.json, dated ');
  });

  it('a truncated download is refused in the words Settings uses, and nothing is stored', async () => {
    const dir = tempDir();
    const result = await prices(dir, 'update', '--url', server.url('/cut.json'));
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^tallychat prices: The price data is not complete JSON \(a truncated download\?\): .+ Prices are unchanged\.\n$/);
    expect(existsSync(priceDataFile(dir))).toBe(false);
    expect(await sourceIn(dir)).toBe(`genai-prices@${CATALOG_VERSION}`);
  });

  it('a server that is not there is a clear failure', async () => {
    const dir = tempDir();
    const url = server.url('/data.json');
    await server.close();
    const result = await prices(dir, 'update', '--url', url);
    expect(result).toEqual({ code: 1, out: '', err: `tallychat prices: Could not fetch prices from ${url}: ECONNREFUSED. Prices are unchanged.\n` });
    server = await startPriceServer({});
  });

  it.each([
    [['update', '--url', 'ftp://example.com/data.json'], 'tallychat prices: --url must be an http:// or https:// address'],
    [['update', '--url', 'http://127.0.0.1/a', '--file', 'x.json'], 'tallychat prices: give --url or --file, not both'],
  ])('usage mistake %j', async (args, message) => {
    const result = await prices(tempDir(), ...args);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });
});
