import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_STALE_AFTER_MS } from '../../src/main/core/devices/freshness';
import { formatLastSeen } from '../../src/shared/format-last-seen';
import { useTempDir } from '../helpers/temp-dir';
import { openRow, START, startDevice, type TestDevice } from './device-fixtures';
import { FakeSyncEngine } from './fake-sync-engine';

const tempDir = useTempDir('tallychat-freshness-');
const running: TestDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.test.close();
});

describe('freshness of other devices', () => {
  it('says when each was last seen, what has not arrived yet, and warns once a device is stale', async () => {
    const root = tempDir();
    const laptop = await startDevice(0, 'MacBook', join(root, 'a'));
    const desktop = await startDevice(1, 'Desktop', join(root, 'b'));
    running.push(laptop, desktop);
    const engine = new FakeSyncEngine([laptop.replica, desktop.replica]);
    const spend = (n: number) => openRow(laptop.core, { requestId: `req-${n}`, status: 'completed', cost: 1000, inputTokens: 10, outputTokens: 2 })();

    spend(1);
    await laptop.core.services.devices.sync();
    const [firstSegment] = engine.ownFiles(0, laptop.id).filter((name) => name.endsWith('.tcseg'));
    laptop.clock.advance(5 * 60_000);
    spend(2);
    await laptop.core.services.devices.sync();
    // Only the first segment and the latest heartbeat have arrived: one row is still on its way.
    engine.deliver(0, 1, laptop.id, firstSegment!, 'whole');
    engine.deliver(0, 1, laptop.id, 'device.json', 'whole');
    desktop.clock.advance(7 * 60_000);
    await desktop.core.services.devices.sync();
    const view = () => desktop.core.services.devices.overview().devices;
    expect(view()).toEqual([{ deviceId: laptop.id, name: 'MacBook', lastSeenAt: START + 5 * 60_000, rows: 1, missingRows: 1, stale: false }]);
    expect(formatLastSeen(view()[0]!.lastSeenAt, desktop.clock())).toBe('2 min ago');

    engine.catchUp([laptop.id, desktop.id]);
    await desktop.core.services.devices.sync();
    expect(view()).toEqual([{ deviceId: laptop.id, name: 'MacBook', lastSeenAt: START + 5 * 60_000, rows: 2, missingRows: 0, stale: false }]);

    desktop.clock.advance(DEFAULT_STALE_AFTER_MS);
    expect(view()[0]).toMatchObject({ stale: true });
    expect(formatLastSeen(view()[0]!.lastSeenAt, desktop.clock())).toBe('24 h ago');
  });

  it('formats how long ago in whole units', () => {
    const now = START;
    expect([null, now + 5000, now - 59_999, now - 60_000, now - 59 * 60_000, now - 60 * 60_000, now - 47 * 3_600_000, now - 48 * 3_600_000].map((at) => formatLastSeen(at, now))).toEqual([
      'never',
      'just now',
      'just now',
      '1 min ago',
      '59 min ago',
      '1 h ago',
      '47 h ago',
      '2 days ago',
    ]);
  });
});
