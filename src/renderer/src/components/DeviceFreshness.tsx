import { useQuery } from '@tanstack/react-query';
import { formatDuration, formatLastSeen } from '../../../shared/format-last-seen';
import { devicesOverviewQuery } from '../api/server-state';

/**
 * Beside the cap: how fresh each other device's spending is ("Desktop: 3 min ago"), since caps
 * across devices count only what has arrived. A device not seen for the stale time is flagged.
 * Nothing shows while no other device shares the sync folder.
 */
export function DeviceFreshness() {
  const { data } = useQuery(devicesOverviewQuery());
  if (!data || data.devices.length === 0) return null;
  const now = Date.now();
  const stale = data.devices.some((device) => device.stale);
  return (
    <span
      className={`status-strip-devices${stale ? ' stale' : ''}`}
      title={stale ? `A device has not been seen for over ${formatDuration(data.staleAfterMs)}: the cap counts only what has arrived from it.` : undefined}
    >
      {stale && '⚠ '}
      {data.devices.map((device) => `${device.name}: ${formatLastSeen(device.lastSeenAt, now)}`).join(' · ')}
    </span>
  );
}
