import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recoverInterrupted } from '../../src/main/core/chat/recover-interrupted';
import { recogniseFileName } from '../../src/main/core/devices/conflicted-copies';
import { DeviceLedger } from '../../src/main/core/devices/device-ledger';
import { checksumOf, encodeSegment, type SegmentBody } from '../../src/main/core/devices/segment-format';
import { readSegment } from '../../src/main/core/devices/segment-reader';
import { PriceCatalog } from '../../src/main/core/pricing/price-catalog';
import type { IpcResult } from '../../src/shared/contract';
import { useTempDir } from '../helpers/temp-dir';
import { openRow, START, startDevice, type TestDevice } from './device-fixtures';

const tempDir = useTempDir('tallychat-protocol-');
const running: TestDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.test.close();
});

const DEVICE = '00000007-0000-4000-8000-000000000001';
const row = {
  requestId: 'req-1',
  providerId: 'openai',
  providerKind: 'openai',
  model: 'gpt-4o',
  status: 'completed' as const,
  streamed: true,
  startedAt: START,
  finishedAt: START + 800,
  durationMs: 800,
  ttftMs: 120,
  inputTokens: 1000,
  outputTokens: 400,
  cachedInputTokens: null,
  cacheWriteTokens: null,
  reasoningTokens: null,
  usageSource: 'provider' as const,
  providerCostUsdNanos: null,
  priceInputUsdNanosPerMTok: 2_500_000_000,
  priceOutputUsdNanosPerMTok: 10_000_000_000,
  priceCacheReadUsdNanosPerMTok: null,
  priceCacheWriteUsdNanosPerMTok: null,
  priceSource: 'genai-prices@0.1.8',
  costUsdNanos: 6_500_000,
  billedCurrency: 'USD',
  finishReason: 'stop' as const,
  cancelReason: null,
};
const body: SegmentBody = { deviceId: DEVICE, deviceName: 'Desktop', segmentId: 's1', createdAt: START, rows: [row] };

function segmentFile(content: string, folderDevice = DEVICE): string {
  const folder = join(tempDir(), folderDevice);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, 'seg-000000000000001-s1.tcseg');
  writeFileSync(file, content);
  return file;
}

describe('file names a sync engine gives conflicting copies', () => {
  it('are read as the file they copy', () => {
    const name = 'seg-001795000000000-abc.tcseg';
    expect(
      [
        name,
        "seg-001795000000000-abc (Ana's conflicted copy 2026-12-02).tcseg",
        'seg-001795000000000-abc (conflicted copy 2026-12-02 101500).tcseg',
        'seg-001795000000000-abc.sync-conflict-20261202-101500-ABCDEFG.tcseg',
        'seg-001795000000000-abc (1).tcseg',
        'seg-001795000000000-abc 2.tcseg',
        'device (conflicted copy 2026-12-02).json',
      ].map(recogniseFileName),
    ).toEqual([
      { canonical: name, conflicted: false },
      { canonical: name, conflicted: true },
      { canonical: name, conflicted: true },
      { canonical: name, conflicted: true },
      { canonical: name, conflicted: true },
      { canonical: name, conflicted: true },
      { canonical: 'device.json', conflicted: true },
    ]);
  });
});

describe('reading a segment', () => {
  it('accepts a whole segment and refuses one cut short, altered, of a newer format, with open rows or in another device’s folder', async () => {
    const whole = encodeSegment(body);
    expect(await readSegment(segmentFile(whole), DEVICE)).toEqual({ ok: true, body, checksum: checksumOf(body) });
    expect(await readSegment(segmentFile(whole.slice(0, 200)), DEVICE)).toEqual({
      ok: false,
      reason: 'incomplete',
      message: 'is not complete yet (it may still be arriving)',
    });
    expect(await readSegment(segmentFile(whole.replace('6500000', '6500001')), DEVICE)).toEqual({
      ok: false,
      reason: 'corrupt',
      message: 'does not match its checksum',
    });
    const newer = JSON.stringify({ ...JSON.parse(whole), version: 2 });
    expect(await readSegment(segmentFile(newer), DEVICE)).toMatchObject({ ok: false, reason: 'newer_format' });
    const open = { ...body, rows: [{ ...row, status: 'streaming' }] };
    expect(await readSegment(segmentFile(JSON.stringify({ format: 'tallychat.segment', version: 1, sha256: checksumOf(open), body: open })), DEVICE)).toEqual({
      ok: false,
      reason: 'corrupt',
      message: 'has rows this version cannot read',
    });
    const withText = { ...body, rows: [{ ...row, partialText: 'Dear diary' }] };
    expect(
      await readSegment(segmentFile(JSON.stringify({ format: 'tallychat.segment', version: 1, sha256: checksumOf(withText), body: withText })), DEVICE),
    ).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(await readSegment(segmentFile(whole, 'someone-else'), 'someone-else')).toEqual({
      ok: false,
      reason: 'corrupt',
      message: `belongs to device ${DEVICE}, not to the folder it is in`,
    });
  });
});

describe('rows from another device', () => {
  it('count in Spending and CSV, have no conversation, are never recovered and never go out again as this device’s', async () => {
    const folder = join(tempDir(), 'Sync');
    const laptop = await startDevice(0, 'MacBook', folder);
    const desktop = await startDevice(1, 'Desktop', folder);
    running.push(laptop, desktop);
    openRow(laptop.core, { requestId: 'req-1', status: 'completed', cost: 6_500_000, inputTokens: 1000, outputTokens: 400 })();
    openRow(desktop.core, { requestId: 'req-1', status: 'failed', cost: 20_000, inputTokens: 12, outputTokens: 0 })();
    await laptop.core.services.devices.sync();
    await desktop.core.services.devices.sync();
    await laptop.core.services.devices.sync();

    const imported = desktop.core.store.sqlite
      .prepare('SELECT id, origin_device_id AS origin, conversation_id AS conversation, status, cost_usd_nanos AS cost FROM requests ORDER BY id')
      .all();
    expect(imported).toEqual([
      { id: `${laptop.id}/req-1`, origin: laptop.id, conversation: null, status: 'completed', cost: 6_500_000 },
      { id: 'req-1', origin: null, conversation: null, status: 'failed', cost: 20_000 },
    ]);
    expect(desktop.core.store.sqlite.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    expect(recoverInterrupted(desktop.core.ledger, desktop.core.overrides, new PriceCatalog(desktop.test.dataDir), START + 60_000)).toEqual({ interrupted: [], stillRunning: 0 });
    expect(new DeviceLedger(desktop.core.store.sqlite, () => 'UTC').unexportedRows()).toEqual([]);
    // The desktop's only segment holds its own row, not the laptop's it imported.
    const desktopFolder = join(folder, 'tallychat', 'devices', desktop.id);
    const segments = readdirSync(desktopFolder).filter((name) => name.endsWith('.tcseg'));
    expect(segments.map((name) => (JSON.parse(readFileSync(join(desktopFolder, name), 'utf8')) as { body: SegmentBody }).body.rows.map((r) => r.requestId))).toEqual([['req-1']]);

    const overview = (await desktop.core.dispatch('spendingOverview', { period: { kind: 'this-month' } })) as IpcResult<{ totals: { costNanos: number; requests: number } }>;
    expect(overview.ok && overview.value.totals).toMatchObject({ costNanos: 6_520_000, requests: 2 });
    const csv = (await desktop.core.dispatch('spendingExportCsv', { period: { kind: 'this-month' }, groupBy: 'request' })) as IpcResult<{ csv: string; rows: number }>;
    expect(csv.ok && csv.value.rows).toBe(2);
    expect(csv.ok && csv.value.csv.split('\r\n').filter((line) => line.includes('req-1')).length).toBe(2);
    expect(laptop.core.services.budgets.overview().spent).toBe(6_520_000);
  });
});

describe('reading the folder again', () => {
  it('ignores a broken conflicted copy of a file that read cleanly, and brings other devices’ rows back after history is deleted', async () => {
    const folder = join(tempDir(), 'Sync');
    const laptop = await startDevice(0, 'MacBook', folder);
    const desktop = await startDevice(1, 'Desktop', folder);
    running.push(laptop, desktop);
    openRow(laptop.core, { requestId: 'req-1', status: 'completed', cost: 6_500_000, inputTokens: 1000, outputTokens: 400 })();
    await laptop.core.services.devices.sync();
    const laptopFolder = join(folder, 'tallychat', 'devices', laptop.id);
    const [segment] = readdirSync(laptopFolder).filter((name) => name.endsWith('.tcseg'));
    const text = readFileSync(join(laptopFolder, segment!), 'utf8');
    writeFileSync(join(laptopFolder, segment!.replace('.tcseg', ' (1).tcseg')), text.slice(0, 100));
    writeFileSync(join(laptopFolder, 'seg-000000000000009-lost.sync-conflict-20261202-101500-ABCDEFG.tcseg'), text.slice(0, 100));

    expect((await desktop.core.services.devices.sync()).skipped).toEqual([
      {
        deviceId: laptop.id,
        file: 'seg-000000000000009-lost.sync-conflict-20261202-101500-ABCDEFG.tcseg',
        reason: 'incomplete',
        message: 'is not complete yet (it may still be arriving)',
      },
    ]);
    expect(desktop.core.services.budgets.overview().spent).toBe(6_500_000);

    expect(desktop.core.services.deleteAllHistory()).toMatchObject({ requests: 1 });
    expect(desktop.core.services.budgets.overview().spent).toBe(0);
    await desktop.core.services.devices.sync();
    // The laptop's spend is still the laptop's: deleting this device's history does not erase it.
    expect(desktop.core.services.budgets.overview().spent).toBe(6_500_000);
  });
});

describe('choosing another sync folder', () => {
  it('writes this device’s whole history into the new folder', async () => {
    const root = tempDir();
    const laptop = await startDevice(0, 'MacBook', join(root, 'Dropbox'));
    running.push(laptop);
    openRow(laptop.core, { requestId: 'req-1', status: 'completed', cost: 1000, inputTokens: 10, outputTokens: 2 })();
    await laptop.core.services.devices.sync();
    mkdirSync(join(root, 'iCloud'));
    await laptop.core.services.devices.setFolder(join(root, 'iCloud'));
    const desktop = await startDevice(1, 'Desktop', join(root, 'iCloud'));
    running.push(desktop);
    expect(desktop.core.services.budgets.overview().spent).toBe(1000);
  });
});
