/** Why a call was stopped from our side. */
export type StopCause = 'user' | 'connect-timeout' | 'idle-timeout';

/**
 * One AbortController per call that the fetch, the body and every wait obey. It remembers the
 * first cause, so whatever error the abort surfaces as, the call can say what really happened.
 */
export class CallControl {
  cause: StopCause | undefined;
  private readonly controller = new AbortController();
  private readonly detach: () => void;

  constructor(userSignal: AbortSignal | undefined) {
    if (!userSignal) {
      this.detach = () => {};
    } else if (userSignal.aborted) {
      this.stop('user');
      this.detach = () => {};
    } else {
      const onAbort = () => this.stop('user');
      userSignal.addEventListener('abort', onAbort, { once: true });
      this.detach = () => userSignal.removeEventListener('abort', onAbort);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(cause: StopCause): void {
    if (this.cause !== undefined) return;
    this.cause = cause;
    this.controller.abort(new Error(`call stopped: ${cause}`));
  }

  /** Runs `work` under a timer that stops the whole call with `cause` if it runs out first. */
  async within<T>(ms: number, cause: StopCause, work: () => Promise<T>): Promise<T> {
    const timer = setTimeout(() => this.stop(cause), ms);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits, unless the call is stopped first (then rejects). */
  sleep(ms: number): Promise<void> {
    const signal = this.controller.signal;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  dispose(): void {
    this.detach();
  }
}
