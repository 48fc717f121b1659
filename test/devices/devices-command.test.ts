import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runCli } from '../../src/main/cli/main';
import { createCore } from '../../src/main/core/app/create-core';
import { checksumOf } from '../../src/main/core/devices/segment-format';
import { sequentialIds } from '../helpers/test-core';
import { useTempDir } from '../helpers/temp-dir';
import { openRow, startDevice, type TestDevice } from './device-fixtures';

const tempDir = useTempDir('tallychat-devices-cli-');
const running: TestDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.test.close();
});

async function devices(dataDir: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  const code = await runCli(['devices', ...args, '--data-dir', dataDir], io);
  return { code, out: out.join(''), err: err.join('') };
}

/** The data folder the CLI opens, with a known device id (the CLI itself mints a random one). */
async function seedCliDevice(dataDir: string, folder: string | null): Promise<void> {
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'cli', newId: sequentialIds(9), deviceSync: false });
  if (folder) await core.services.devices.setFolder(folder);
  core.services.devices.rename('MacBook');
  await core.close();
}

/** Another device that made `requests` rows and synced `agoMs` before now (the CLI runs on the real clock). */
async function otherDevice(index: number, name: string, folder: string, agoMs: number, requests: number): Promise<void> {
  const device = await startDevice(index, name, folder, { startAt: Date.now() - agoMs });
  running.push(device);
  for (let n = 1; n <= requests; n++) openRow(device.core, { requestId: `req-${n}`, status: 'completed', cost: 1_000_000, inputTokens: 10, outputTokens: 5 })();
  expect(await device.core.services.devices.sync()).toMatchObject({ state: 'ok' });
}

describe('tallychat devices', () => {
  it('lists the other devices with when each was last seen, a stale warning and the files it left out', async () => {
    const folder = join(tempDir(), 'Dropbox', 'Tallychat');
    mkdirSync(folder, { recursive: true });
    const dataDir = tempDir();
    await seedCliDevice(dataDir, folder);
    await otherDevice(0, 'Desktop', folder, 3 * 60_000 + 20_000, 2);
    await otherDevice(1, 'Old PC', folder, 3 * 86_400_000 + 60_000, 1);
    const future = join(folder, 'tallychat', 'devices', 'ffffffff-0000-4000-8000-000000000099');
    mkdirSync(future, { recursive: true });
    const body = { deviceId: 'ffffffff-0000-4000-8000-000000000099', rows: 'in a new shape' };
    writeFileSync(join(future, 'seg-000000000000001-f1.tcseg'), JSON.stringify({ format: 'tallychat.segment', version: 2, sha256: checksumOf(body), body }));
    writeFileSync(join(future, 'seg-000000000000002-f2.tcseg'), '{"format":"tallychat.segment","vers');

    const result = await devices(dataDir);
    expect(result).toEqual({
      code: 0,
      err: '',
      out: [
        'This device: MacBook (00000009-0000-4000-8000-000000000001)',
        `Sync folder: ${folder} (synced just now)`,
        'Other devices:',
        '  Desktop                               last seen 3 min ago   2 requests',
        '  ffffffff-0000-4000-8000-000000000099  last seen never       0 requests',
        '  Old PC                                last seen 3 days ago  1 request',
        '! Not seen for over 24 h: ffffffff-0000-4000-8000-000000000099, Old PC. Caps count only what has arrived from them.',
        'Files left out (read again on the next sync):',
        '  ffffffff-0000-4000-8000-000000000099/seg-000000000000001-f1.tcseg was written by a newer Tallychat (format 2; this version reads up to 1): update Tallychat on this device to count it',
        '  ffffffff-0000-4000-8000-000000000099/seg-000000000000002-f2.tcseg is not complete yet (it may still be arriving)',
        '',
      ].join('\n'),
    });
  });

  it('says how to start when sync is off, and refuses a folder that is not a full path', async () => {
    const dataDir = tempDir();
    await seedCliDevice(dataDir, null);
    expect(await devices(dataDir)).toEqual({
      code: 0,
      err: '',
      out: [
        'This device: MacBook (00000009-0000-4000-8000-000000000001)',
        'Sync is off. To share one cap across your devices, choose a folder inside your synced folder',
        '(Dropbox, iCloud Drive, OneDrive, Syncthing…) on each device: tallychat devices folder DIR',
        '',
      ].join('\n'),
    });
    const relative = await devices(dataDir, 'folder', 'Dropbox/Tallychat');
    expect(relative.code).toBe(2);
    expect(relative.err).toBe(
      'tallychat devices: give the sync folder as a full path, not "Dropbox/Tallychat"\nUsage: ' +
        'tallychat devices [--json] [--no-sync] [--data-dir DIR]\n       tallychat devices folder (DIR | --off) [--data-dir DIR]\n       tallychat devices name NAME [--data-dir DIR]\n',
    );
  });

  it('exits 1 and says why when the sync folder cannot be reached', async () => {
    const gone = join(tempDir(), 'USB stick');
    mkdirSync(gone);
    const dataDir = tempDir();
    await seedCliDevice(dataDir, gone);
    rmSync(gone, { recursive: true });
    const result = await devices(dataDir, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      this_device: { id: '00000009-0000-4000-8000-000000000001', name: 'MacBook' },
      sync_folder: gone,
      sync: {
        state: 'unavailable',
        message: `The sync folder ${gone} cannot be reached (ENOENT): is the drive connected? Chatting goes on; devices sync when it is back.`,
        last_sync_at: null,
      },
      stale_after_hours: 24,
      devices: [],
      skipped_files: [],
    });
  });
});
