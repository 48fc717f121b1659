import type { DeviceView } from '../../../shared/contract/devices-contract';
import type { SeenDevice } from './device-registry';

/** A device whose data has not been seen for a day makes caps say they may be behind. */
export const DEFAULT_STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export type DeviceFreshness = DeviceView;

/**
 * How fresh each other device's data is. Caps are eventually consistent across devices, so they
 * say so: when each device was last seen and whether its announced rows have all arrived.
 */
export function freshnessOf(devices: readonly SeenDevice[], counts: ReadonlyMap<string, number>, now: number, staleAfterMs: number): DeviceFreshness[] {
  return devices.map((device) => {
    const rows = counts.get(device.deviceId) ?? 0;
    return {
      deviceId: device.deviceId,
      name: device.name,
      lastSeenAt: device.lastSeenAt,
      rows,
      missingRows: Math.max(0, device.announcedRows - rows),
      stale: device.lastSeenAt === null || now - device.lastSeenAt > staleAfterMs,
    };
  });
}
