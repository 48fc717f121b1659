import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSegment } from '../../src/main/core/devices/segment-reader';
import { useTempDir } from '../helpers/temp-dir';
import { START, startDevice, type TestDevice } from './device-fixtures';

const tempDir = useTempDir('tallychat-sync-faults-');
const running: TestDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.test.close();
});

/** A device whose passes run on their own: at start-up, shortly after each answer, and every 50 ms. */
async function scheduledDevice(folder: string): Promise<TestDevice> {
  const device = await startDevice(0, 'MacBook', folder, { deviceSync: { debounceMs: 10, periodMs: 50 } });
  running.push(device);
  return device;
}

const ownSegments = (folder: string, deviceId: string) =>
  readdirSync(join(folder, 'tallychat', 'devices', deviceId)).filter((name) => name.endsWith('.tcseg'));
const unexported = (device: TestDevice) =>
  (device.core.store.sqlite.prepare('SELECT count(*) AS n FROM requests WHERE exported_at IS NULL').get() as { n: number }).n;

async function chat(device: TestDevice, provider: string, text: string) {
  return (await device.core.chat.send({ providerId: provider, model: 'gpt-4o', text, maxOutputTokens: 50 })).done;
}

describe('a sync folder that goes away', () => {
  it('writes a segment shortly after an answer is finalized, without the chat waiting for it', async () => {
    const folder = join(tempDir(), 'Dropbox', 'Tallychat');
    const device = await scheduledDevice(folder);
    const provider = await device.test.addProvider('openai');
    const answer = await chat(device, provider, 'Hello');
    expect(answer.status).toBe('completed');
    await vi.waitFor(() => expect(unexported(device)).toBe(0), { timeout: 2000, interval: 10 });
    const [segment] = ownSegments(folder, device.id);
    const read = await readSegment(join(folder, 'tallychat', 'devices', device.id, segment!), device.id);
    expect(read.ok && read.body.rows.map((row) => [row.requestId, row.status, row.costUsdNanos])).toEqual([[answer.requestId, 'completed', 35_000]]);
    // No text of the conversation travels.
    expect(JSON.stringify(read)).not.toContain('Hello');
  });

  it('a removed folder leaves chatting and the ledger whole, says so, and catches up when it is back', async () => {
    const folder = join(tempDir(), 'Dropbox', 'Tallychat');
    const device = await scheduledDevice(folder);
    const provider = await device.test.addProvider('openai');
    expect(await device.core.services.devices.sync()).toMatchObject({ state: 'ok', lastSyncAt: START });
    rmSync(join(folder, '..'), { recursive: true });

    const answers = [await chat(device, provider, 'One'), await chat(device, provider, 'Two')];
    expect(answers.map((a) => a.status)).toEqual(['completed', 'completed']);
    await vi.waitFor(() => expect(device.core.services.devices.overview().sync.state).toBe('unavailable'), { timeout: 2000, interval: 10 });
    expect(device.core.services.devices.overview().sync).toEqual({
      state: 'unavailable',
      message: `The sync folder ${folder} cannot be reached (ENOENT): is the drive connected? Chatting goes on; devices sync when it is back.`,
      lastSyncAt: START,
      skipped: [],
    });
    expect(device.core.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(unexported(device)).toBe(2);
    expect(answers.map((a) => a.costNanos)).toEqual([32_500, 32_500]);
    expect(device.core.services.budgets.overview().spent).toBe(65_000);

    mkdirSync(folder, { recursive: true });
    expect(await device.core.services.devices.sync()).toMatchObject({ state: 'ok', message: null });
    expect(unexported(device)).toBe(0);
  });

  it('a folder this device cannot write to is a status; the rows stay here for the next pass', async () => {
    const folder = join(tempDir(), 'Dropbox', 'Tallychat');
    const device = await startDevice(0, 'MacBook', folder);
    running.push(device);
    const provider = await device.test.addProvider('openai');
    // Its own folder's name taken by a file: writing fails whoever runs the test (root ignores permissions).
    rmSync(join(folder, 'tallychat', 'devices', device.id), { recursive: true });
    writeFileSync(join(folder, 'tallychat', 'devices', device.id), 'not a folder');

    expect((await chat(device, provider, 'Hello')).status).toBe('completed');
    expect(await device.core.services.devices.sync()).toEqual({
      state: 'failed',
      message: "This device's rows could not be written to the sync folder (EEXIST); they stay here and go out on the next sync.",
      // The last pass that worked: the one when the folder was chosen.
      lastSyncAt: START,
      skipped: [],
    });
    expect(unexported(device)).toBe(1);

    rmSync(join(folder, 'tallychat', 'devices', device.id));
    expect(await device.core.services.devices.sync()).toMatchObject({ state: 'ok' });
    expect(unexported(device)).toBe(0);
  });
});
