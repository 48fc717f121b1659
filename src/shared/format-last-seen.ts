/**
 * "just now", "3 min ago", "5 h ago", "2 days ago": how long ago another device was last seen,
 * in whole units rounded down. A time ahead of ours (clocks differ between devices) is "just now".
 */
export function formatLastSeen(lastSeenAt: number | null, now: number): string {
  if (lastSeenAt === null) return 'never';
  const minutes = Math.floor(Math.max(0, now - lastSeenAt) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} days ago`;
}

/** "24 h", "3 days": the stale time as the warnings state it. */
export function formatDuration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
