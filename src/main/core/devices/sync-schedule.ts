import type { EventBus } from '../app/event-bus';
import type { DeviceSyncService } from './device-sync';

export interface SyncTiming {
  /** After an answer is finalized, wait this long for more before writing a segment. */
  debounceMs: number;
  /** How often to look for other devices' new rows. */
  periodMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = { debounceMs: 2_000, periodMs: 60_000 };

/** Closing waits this long for a running pass; a folder on a hung network drive must not hold up quitting. */
const STOP_WAIT_MS = 2_000;

/**
 * When to sync: once at start-up, a moment after each finalized answer (several answers in a row
 * make one segment), and periodically to import. The chat path only restarts a timer; the pass
 * runs on its own and its outcome is a status. Timers do not keep a CLI process alive.
 */
export function scheduleDeviceSync(service: DeviceSyncService, events: EventBus, timing: SyncTiming = DEFAULT_SYNC_TIMING): { stop(): Promise<void> } {
  let debounce: NodeJS.Timeout | undefined;
  const run = () => void service.sync();
  const unsubscribe = events.subscribe((event) => {
    if (event.type !== 'chat.finished') return;
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(run, timing.debounceMs);
    debounce.unref();
  });
  const periodic = setInterval(run, timing.periodMs);
  periodic.unref();
  run();
  return {
    stop: async () => {
      unsubscribe();
      if (debounce) clearTimeout(debounce);
      clearInterval(periodic);
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([service.idle(), new Promise<void>((resolve) => (waited = setTimeout(resolve, STOP_WAIT_MS)))]);
      clearTimeout(waited);
    },
  };
}
