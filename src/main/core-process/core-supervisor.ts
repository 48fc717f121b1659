import { isMethodName, type IpcResult, type TallychatEvent } from '../../shared/contract';
import type { Dispatch } from '../core/api/dispatcher';
import type { SecretStore } from '../core/secrets/secret-store';
import type { CoreStartOptions, ExportFileAnswer, FromCore, ToCore } from './core-protocol';
import { answerSecretRequest, secretStoreFacts } from './secret-answers';

/** The part of Electron's UtilityProcess main uses (docs/api/utility-process.md). */
export interface CoreChild {
  readonly pid: number | undefined;
  postMessage(message: ToCore): void;
  kill(): boolean;
  on(event: 'message', listener: (message: FromCore) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

export interface CoreSupervisorOptions {
  fork: () => CoreChild;
  start: Omit<CoreStartOptions, 'secrets'>;
  /** The key store; it lives here in main, and the core asks it for one key at a time. */
  secrets: SecretStore;
  onEvent: (event: TallychatEvent) => void;
  /** Main's save dialog for an export the core writes: the chosen path, or undefined when cancelled. */
  chooseExportFile: (suggestedName: string) => Promise<string | undefined>;
  report: (message: string) => void;
  /** More crashes than this within CRASH_WINDOW_MS and the core is not restarted again. */
  maxRestarts?: number;
}

const CRASH_WINDOW_MS = 60_000;
const DEFAULT_MAX_RESTARTS = 3;

const unreachable = (message: string): IpcResult<never> => ({ ok: false, error: { code: 'disconnected', message, retryable: true } });

/**
 * Main's side of the core process: forks it, relays every contract call and the core's events,
 * answers its key requests, and restarts it when it dies. A crash is not the app's crash: calls
 * in flight answer with a typed, retryable error, the window is told, and the new core's start-up
 * recovery finalizes the answers the dead one was streaming (their rows carry its pid).
 */
export class CoreSupervisor {
  private child: CoreChild | undefined;
  /** Between the child's fork and its `exit`: only then may it be posted to. */
  private alive = false;
  private ready = false;
  private closing: Promise<void> | undefined;
  private gaveUp = false;
  private crashes: number[] = [];
  private nextCallId = 1;
  private readonly calls = new Map<number, (result: IpcResult<unknown>) => void>();
  private readonly queued: ToCore[] = [];
  private firstStart: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(private readonly options: CoreSupervisorOptions) {}

  /** Resolves when the first core has opened the ledger; rejects with its reason if it could not. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.spawn();
    });
  }

  /** The core process's id (the owner of the ledger rows it is streaming). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Every contract method goes through here; only names in the contract cross to the core. */
  readonly dispatch: Dispatch = (method, payload) => {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_method', message: `Unknown method "${String(method).slice(0, 80)}".`, retryable: false } });
    }
    if (this.gaveUp || this.closing) return Promise.resolve(unreachable('The Tallychat core is not running. Restart Tallychat.'));
    const id = this.nextCallId++;
    return new Promise((resolve) => {
      this.calls.set(id, resolve);
      this.send({ kind: 'call', id, method, payload });
    });
  };

  warmUp(): void {
    this.send({ kind: 'warm-up' });
  }

  /** Asks the core to finalize running answers (cancelled, shutdown) and close the ledger; resolves when it has ended. */
  close(): Promise<void> | undefined {
    const child = this.child;
    if (!child || !this.alive) return undefined;
    this.closing ??= new Promise((resolve) => {
      child.on('message', (message) => {
        if (message.kind === 'closed') resolve();
      });
      child.on('exit', () => resolve());
      child.postMessage({ kind: 'close' });
    });
    return this.closing;
  }

  private send(message: ToCore): void {
    if (this.ready && this.child) this.child.postMessage(message);
    else this.queued.push(message);
  }

  private spawn(): void {
    const child = this.options.fork();
    this.child = child;
    this.alive = true;
    this.ready = false;
    child.on('message', (message) => this.onMessage(child, message));
    child.on('exit', (code) => this.onExit(child, code));
    child.postMessage({ kind: 'start', options: { ...this.options.start, secrets: secretStoreFacts(this.options.secrets) } });
  }

  private onMessage(child: CoreChild, message: FromCore): void {
    switch (message.kind) {
      case 'ready': {
        this.ready = true;
        for (const queued of this.queued.splice(0)) child.postMessage(queued);
        if (this.firstStart) {
          this.firstStart.resolve();
          this.firstStart = undefined;
        } else {
          this.options.onEvent({ type: 'host.reconnected' });
        }
        return;
      }
      case 'start-failed':
        this.firstStart?.reject(new Error(message.message));
        this.firstStart = undefined;
        this.gaveUp = true;
        return;
      case 'result':
        this.calls.get(message.id)?.(message.result);
        this.calls.delete(message.id);
        return;
      case 'event':
        this.options.onEvent(message.event);
        return;
      case 'secret-request':
        void answerSecretRequest(this.options.secrets, message.request).then((answer) => {
          if (child === this.child && this.alive) child.postMessage({ kind: 'secret-answer', id: message.id, answer });
        });
        return;
      case 'export-file-request':
        void this.options.chooseExportFile(message.suggestedName).then(
          (file): ExportFileAnswer => (file === undefined ? { status: 'cancelled' } : { status: 'chosen', file }),
          (error: unknown): ExportFileAnswer => ({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
        ).then((answer) => {
          if (child === this.child && this.alive) child.postMessage({ kind: 'export-file-answer', id: message.id, answer });
        });
        return;
      case 'closed':
        return;
    }
  }

  private onExit(child: CoreChild, code: number): void {
    if (child !== this.child) return;
    this.alive = false;
    this.ready = false;
    for (const answer of this.calls.values()) answer(unreachable('The Tallychat core stopped while answering this call; it is restarting. Try again.'));
    this.calls.clear();
    if (this.closing) return;
    if (this.firstStart) {
      this.firstStart.reject(new Error(`The Tallychat core process ended (exit code ${code}) before it opened the ledger.`));
      this.firstStart = undefined;
      this.gaveUp = true;
    }
    if (this.gaveUp) return;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    this.options.report(`the core process ended unexpectedly (exit code ${code})`);
    if (this.crashes.length > (this.options.maxRestarts ?? DEFAULT_MAX_RESTARTS)) {
      this.gaveUp = true;
      this.options.onEvent({
        type: 'app.notice',
        level: 'error',
        message: `Tallychat's core stopped ${this.crashes.length} times within a minute and was not restarted again. Quit and reopen Tallychat; answers that were streaming are kept as interrupted.`,
      });
      return;
    }
    this.options.onEvent({
      type: 'app.notice',
      level: 'error',
      message: 'Tallychat\'s core stopped unexpectedly and is restarting. An answer that was streaming is kept as interrupted, with its tokens and cost.',
    });
    this.spawn();
  }
}
