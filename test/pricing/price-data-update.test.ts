import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IpcResult, MethodName, RequestOf, ResponseOf } from '../../src/shared/contract';
import type { Core } from '../../src/main/core/app/create-core';
import { CATALOG_VERSION } from '../../src/main/core/pricing/catalog-prices';
import { priceDataFile } from '../../src/main/core/pricing/price-data-file';
import { startTestCore, type TestCore } from '../helpers/test-core';
import { priceDataText, startPriceServer } from './price-data-fixture';

let t: TestCore;
let server: Awaited<ReturnType<typeof startPriceServer>>;
const NEWER = priceDataText({ input: 5, cacheRead: 2.5, output: 20 });

beforeEach(async () => {
  t = await startTestCore();
  server = await startPriceServer({
    '/data.json': { body: NEWER },
    '/truncated.json': { body: NEWER.slice(0, NEWER.length / 2) },
    '/gone.json': { status: 404, body: 'Not Found' },
  });
});
afterEach(async () => {
  await server.close();
  await t.close();
});

async function call<M extends MethodName>(method: M, request: RequestOf<M>, core: Core = t.core): Promise<IpcResult<ResponseOf<M>>> {
  return (await core.dispatch(method, request)) as IpcResult<ResponseOf<M>>;
}

async function ok<M extends MethodName>(method: M, request: RequestOf<M>, core?: Core): Promise<ResponseOf<M>> {
  const result = await call(method, request, core);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function sendGpt4o(text: string): Promise<string> {
  t.fake.enqueue({ text: 'Answer.', usage: { input: 120, output: 9, cachedInput: 100 } });
  const started = await t.core.chat.send({ providerId: 'openai', model: 'gpt-4o', text });
  await started.done;
  return started.requestId;
}

const bundled = `genai-prices@${CATALOG_VERSION}`;
const dataDate = () => new Date(t.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('Update prices: newer catalog data, for new requests only', () => {
  it('a changed price file leaves every old row unchanged and prices the next request at the new price, exactly', async () => {
    await t.addProvider('openai');
    const before = await sendGpt4o('First');
    // gpt-4o bundled: 20 uncached × $2.50 + 100 cached × $1.25 + 9 out × $10 per MTok
    expect(t.core.ledger.get(before)).toMatchObject({ costUsdNanos: 265_000, priceSource: bundled, priceInputUsdNanosPerMTok: 2_500_000_000 });

    const view = await ok('pricesUpdate', { url: server.url('/data.json') });
    expect(view).toMatchObject({ source: `genai-prices-data@${dataDate()}`, stored: { date: dataDate(), origin: server.url('/data.json'), providers: 7 }, problem: null });

    t.clock.advance(60_000);
    const after = await sendGpt4o('Second');
    expect(t.core.ledger.get(before)).toMatchObject({ costUsdNanos: 265_000, priceSource: bundled, priceInputUsdNanosPerMTok: 2_500_000_000 });
    // The new data: 20 × $5 + 100 × $2.50 + 9 × $20 per MTok
    expect(t.core.ledger.get(after)).toMatchObject({
      costUsdNanos: 100_000 + 250_000 + 180_000,
      priceSource: view.source,
      priceInputUsdNanosPerMTok: 5_000_000_000,
      priceCacheReadUsdNanosPerMTok: 2_500_000_000,
      priceOutputUsdNanosPerMTok: 20_000_000_000,
    });
    // The setting was not changed by a one-off address.
    expect((await ok('pricesData', {})).url).toBe('https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json');
  });

  it('the stored data survives a restart, and another host on the folder sees an update at its next lookup', async () => {
    await t.addProvider('openai');
    const other = t.reopen();
    await ok('pricesUpdate', { url: server.url('/data.json') });
    expect((await ok('pricesData', {}, other)).source).toBe(`genai-prices-data@${dataDate()}`);
    const restarted = t.reopen();
    expect((await ok('pricesData', {}, restarted)).stored?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a truncated file is refused with a clear message and changes nothing', async () => {
    await ok('pricesUpdate', { url: server.url('/data.json') });
    const stored = readFileSync(priceDataFile(t.dataDir), 'utf8');
    t.clock.advance(60_000);
    const refused = await call('pricesUpdate', { url: server.url('/truncated.json') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    if (refused.ok) return;
    expect(refused.error.message).toMatch(/^The price data is not complete JSON \(a truncated download\?\): .+ Prices are unchanged\.$/);
    expect(readFileSync(priceDataFile(t.dataDir), 'utf8')).toBe(stored);
    expect((await ok('pricesData', {})).source).toBe(`genai-prices-data@${new Date(t.clock() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
  });

  it('a well-formed file missing providers, or with a negative price, is refused', async () => {
    const withoutXai = JSON.stringify((JSON.parse(NEWER) as { id: string }[]).filter((p) => p.id !== 'x-ai'));
    expect(await call('pricesImport', { text: withoutXai, fileName: 'data.json' })).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'The price data has no models for x-ai: refusing a file that would leave them unpriced. Prices are unchanged.', retryable: false },
    });
    const negative = NEWER.replace('"input_mtok":5', '"input_mtok":-5');
    const refused = await call('pricesImport', { text: negative, fileName: 'data.json' });
    expect(refused.ok ? '' : refused.error.message).toBe(
      'The price data is malformed at 0.models.0.prices.input_mtok: Too small: expected number to be >=0. Prices are unchanged.',
    );
    expect((await ok('pricesData', {})).source).toBe(bundled);
  });

  it('a failed fetch says what failed and keeps the catalog in use', async () => {
    const missing = await call('pricesUpdate', { url: server.url('/gone.json') });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'provider_error', message: `The price server answered 404 Not Found for ${server.url('/gone.json')}. Prices are unchanged.`, retryable: false },
    });
    const url = server.url('/data.json');
    await server.close();
    const unreachable = await call('pricesUpdate', { url });
    expect(unreachable).toEqual({
      ok: false,
      error: { code: 'provider_error', message: `Could not fetch prices from ${url}: ECONNREFUSED. Prices are unchanged.`, retryable: true },
    });
    expect((await ok('pricesData', {})).stored).toBeNull();
    server = await startPriceServer({});
  });

  it('imports a data file offline, and fetches from the address the setting names', async () => {
    const imported = await ok('pricesImport', { text: NEWER, fileName: 'data.json' });
    expect(imported.stored).toMatchObject({ origin: 'file:data.json', date: dataDate() });
    await ok('pricesDataUrlSet', { url: server.url('/data.json') });
    t.clock.advance(1_000);
    expect((await ok('pricesUpdate', {})).stored?.origin).toBe(server.url('/data.json'));
    expect(await call('pricesDataUrlSet', { url: 'ftp://example.com/data.json' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
