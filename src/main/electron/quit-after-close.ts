/** How long quitting waits for the core: long enough to finalize rows, short enough to feel immediate. */
export const SHUTDOWN_BOUND_MS = 3000;

type CloseOutcome = 'closed' | 'timed-out';

/** Waits for `closing`, but no longer than `boundMs`. */
function withinBound(closing: Promise<void>, boundMs: number): Promise<CloseOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CloseOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), boundMs);
  });
  return Promise.race([closing.then((): CloseOutcome => 'closed'), timeout]).finally(() => clearTimeout(timer));
}

/** The part of Electron's `app` this needs. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  exit(exitCode?: number): void;
}

/**
 * Electron ends the process right after `will-quit` listeners return (docs/api/app.md): a promise
 * started there never finishes. So `will-quit` is prevented, the core closes (running answers
 * finalized as cancelled, reason shutdown; database closed), and then the app exits: `app.exit`
 * emits no second `will-quit` (docs/api/app.md), and every window is already closed by then.
 * `close` returns undefined when there is nothing to close.
 */
export function closeBeforeQuit(
  app: QuittingApp,
  close: () => Promise<void> | undefined,
  report: (message: string, error?: unknown) => void,
  boundMs = SHUTDOWN_BOUND_MS,
): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('will-quit', (event) => {
    if (state === 'closed') return;
    if (state === 'closing') {
      event.preventDefault();
      return;
    }
    const closing = close();
    if (closing === undefined) {
      state = 'closed';
      return;
    }
    event.preventDefault();
    state = 'closing';
    withinBound(closing, boundMs)
      .then(
        (outcome) => {
          if (outcome === 'timed-out') report(`closing took over ${boundMs} ms; quitting anyway (open answers will be marked interrupted at next start)`);
        },
        (error: unknown) => report('closing failed', error),
      )
      .finally(() => {
        state = 'closed';
        app.exit(0);
      });
  });
}
