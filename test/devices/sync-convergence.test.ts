import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checksumOf } from '../../src/main/core/devices/segment-format';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';
import { startDevice, openRow, totalsOf, type TestDevice, type Totals } from './device-fixtures';
import { FakeSyncEngine, type Delivery } from './fake-sync-engine';

const tempDir = useTempDir('tallychat-devices-');
const running: TestDevice[] = [];
afterEach(async () => {
  for (const device of running.splice(0)) await device.test.close();
});

const FUTURE_DEVICE = 'ffffffff-0000-4000-8000-000000000099';

/** A segment from a later Tallychat (format 2): every device must skip it, and say so. */
function writeFutureSegment(replica: string): void {
  const folder = join(replica, 'tallychat', 'devices', FUTURE_DEVICE);
  mkdirSync(folder, { recursive: true });
  const body = { deviceId: FUTURE_DEVICE, deviceName: 'Tablet', segmentId: 'future-1', createdAt: 1, shards: [{ costNanos: 5 }] };
  writeFileSync(
    join(folder, 'seg-000000000000001-future-1.tcseg'),
    JSON.stringify({ format: 'tallychat.segment', version: 2, sha256: checksumOf(body), body }),
  );
}

const STATUSES = ['completed', 'completed', 'completed', 'cancelled', 'failed', 'interrupted', 'refused'] as const;
const DELIVERIES: Delivery[] = ['whole', 'whole', 'partial', 'conflicted', 'twice'];

async function runSchedule(seed: number, deviceCount: number): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const root = tempDir();
  const devices: TestDevice[] = [];
  for (let k = 0; k < deviceCount; k++) {
    const device = await startDevice(k, ['MacBook', 'Desktop', 'Work laptop'][k]!, join(root, `replica-${k}`), { compactAfterSegments: 3 });
    running.push(device);
    devices.push(device);
    writeFutureSegment(device.replica);
  }
  const ids = devices.map((d) => d.id);
  const engine = new FakeSyncEngine(devices.map((d) => d.replica));
  const own: Totals[] = devices.map(() => ({ requests: 0, cost: 0, inputTokens: 0, outputTokens: 0 }));
  const open: { device: number; finish: () => void }[] = [];
  const counters = devices.map(() => 0);

  const finishOne = (index: number) => {
    const [entry] = open.splice(index, 1);
    entry!.finish();
  };
  for (let step = 0; step < 70; step++) {
    const roll = random();
    const k = Math.floor(random() * deviceCount);
    devices.forEach((d) => d.clock.advance(Math.floor(random() * 30_000)));
    if (roll < 0.3) {
      // Every device mints the same request ids ("req-1", "req-2"…): only (device, request) tells them apart.
      const requestId = `req-${++counters[k]!}`;
      const status = pick(STATUSES);
      const spec = {
        requestId,
        status,
        cost: status === 'refused' ? null : random() < 0.1 ? null : Math.floor(random() * 50_000_000),
        inputTokens: 1 + Math.floor(random() * 5000),
        outputTokens: Math.floor(random() * 2000),
      };
      const finish = openRow(devices[k]!.core, spec);
      own[k]!.requests += 1;
      own[k]!.cost += spec.cost ?? 0;
      if (status !== 'refused') {
        own[k]!.inputTokens += spec.inputTokens;
        own[k]!.outputTokens += spec.outputTokens;
      }
      open.push({ device: k, finish });
    } else if (roll < 0.45 && open.length > 0) {
      finishOne(Math.floor(random() * open.length));
    } else if (roll < 0.65) {
      const status = await devices[k]!.core.services.devices.sync();
      expect(status).toMatchObject({ state: 'ok', message: null });
    } else if (roll < 0.95) {
      const to = Math.floor(random() * deviceCount);
      const files = engine.ownFiles(k, ids[k]!);
      if (to !== k && files.length > 0) engine.deliver(k, to, ids[k]!, pick(files), pick(DELIVERIES), Math.floor(random() * 3));
    } else {
      const to = Math.floor(random() * deviceCount);
      if (to !== k) engine.passOnRemovals(k, to, ids[k]!);
    }
  }

  while (open.length > 0) finishOne(0);
  for (const device of devices) await device.core.services.devices.sync();
  engine.catchUp(ids);
  for (const device of devices) await device.core.services.devices.sync();

  const expected: Totals = {
    requests: own.reduce((n, t) => n + t.requests, 0),
    cost: own.reduce((n, t) => n + t.cost, 0),
    inputTokens: own.reduce((n, t) => n + t.inputTokens, 0),
    outputTokens: own.reduce((n, t) => n + t.outputTokens, 0),
  };
  for (const [j, device] of devices.entries()) {
    const totals = totalsOf(device.core);
    expect({ seed, device: j, ...totals }).toEqual({ seed, device: j, ledger: expected, daily: expected, conversations: expected, monthSpent: expected.cost });
    const overview = device.core.services.devices.overview();
    // The future device is listed, never seen (its only file could not be read), with nothing counted.
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(overview.devices.map((d) => ({ id: d.deviceId, rows: d.rows, missing: d.missingRows, seen: d.lastSeenAt !== null })).sort(byId)).toEqual(
      [
        ...devices.flatMap((other, i) => (i === j ? [] : [{ id: other.id, rows: own[i]!.requests, missing: 0, seen: true }])),
        { id: FUTURE_DEVICE, rows: 0, missing: 0, seen: false },
      ].sort(byId),
    );
    expect(overview.sync.skipped).toEqual([
      {
        deviceId: FUTURE_DEVICE,
        file: 'seg-000000000000001-future-1.tcseg',
        reason: 'newer_format',
        message: 'was written by a newer Tallychat (format 2; this version reads up to 1): update Tallychat on this device to count it',
      },
    ]);
  }
}

describe('devices sharing one sync folder', () => {
  it('converge on every seeded schedule to the sum of all devices’ own ledgers, nothing lost or counted twice', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      await runSchedule(seed, seed % 2 === 0 ? 2 : 3);
      for (const device of running.splice(0)) await device.test.close();
    }
  }, 60_000);
});
