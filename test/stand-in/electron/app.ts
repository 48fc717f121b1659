import { EventEmitter } from 'node:events';
import { newEvent } from './app-event';
import { appDataPath, pathPlatform, readAppPackage, type AppPackage } from './app-paths';
import { SingleInstanceLock } from './single-instance';
import type { WindowList } from './window-list';

/**
 * `app`, with the quit sequence of shell/browser/browser.cc (Browser::Quit, NotifyAndShutdown,
 * OnWindowAllClosed, ExitWithCode) and docs/api/app.md:
 * - `quit()` emits `before-quit`; unless prevented, closes every window; when none is left it emits
 *   `will-quit`; unless prevented, `quit` follows and the process ends right there: listeners run
 *   synchronously and nothing they started asynchronously gets to finish.
 * - A prevented `will-quit` clears the quitting state, so a later `quit()` runs the whole sequence again.
 * - `exit(code)` closes windows without asking and emits neither `before-quit` nor `will-quit`.
 * - `window-all-closed` is emitted only when the windows closed without a quit in progress; with no
 *   listener the app quits (lib/browser/init.ts).
 */
export class StandInApp extends EventEmitter {
  readonly name: string;
  private readonly pkg: AppPackage;
  private ready = false;
  private readonly readyPromise: Promise<void>;
  private quitting = false;
  private exiting = false;
  private shutDown = false;
  private exitCode = 0;
  private readonly lock: SingleInstanceLock;

  constructor(
    mainScript: string,
    private readonly windows: WindowList,
  ) {
    super();
    this.pkg = readAppPackage(mainScript);
    this.name = this.pkg.name;
    this.lock = new SingleInstanceLock(this.getPath('userData'), (details) =>
      // docs/api/app.md: `second-instance` "is guaranteed to be emitted after the `ready` event".
      void this.whenReady().then(() => this.emit('second-instance', newEvent(), details.argv, details.workingDirectory, details.additionalData)),
    );
    // `ready` comes after the main script's first synchronous run, as in Electron.
    this.readyPromise = new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true;
        this.emit('ready', newEvent(), {});
        resolve();
      }),
    );
    windows.onAllClosed(() => this.onWindowAllClosed());
    windows.onCloseCancelled(() => {
      // Browser::OnWindowCloseCancelled: a window that refused to close cancels the quit.
      this.quitting = false;
    });
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  getAppPath(): string {
    return this.pkg.appPath;
  }

  getVersion(): string {
    return this.pkg.version;
  }

  getPath(name: 'appData' | 'userData'): string {
    const appData = appDataPath(pathPlatform());
    if (name === 'appData') return appData;
    if (name === 'userData') return `${appData}${appData.endsWith('/') ? '' : '/'}${this.name}`;
    throw new Error(`The Electron stand-in models app.getPath('appData' | 'userData'), not '${String(name)}'.`);
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    return this.lock.request(additionalData ?? {});
  }

  quit(): void {
    if (this.quitting) return;
    const beforeQuit = newEvent();
    this.emit('before-quit', beforeQuit);
    this.quitting = !beforeQuit.defaultPrevented;
    if (!this.quitting) return;
    if (this.windows.isEmpty()) this.notifyAndShutdown();
    else this.windows.closeAll();
  }

  exit(exitCode = 0): void {
    this.exitCode = exitCode;
    this.quitting = true;
    this.exiting = true;
    if (this.windows.isEmpty()) this.shutdown();
    else this.windows.destroyAll();
  }

  private onWindowAllClosed(): void {
    if (this.exiting) this.shutdown();
    else if (this.quitting) this.notifyAndShutdown();
    else if (this.listenerCount('window-all-closed') === 0) this.quit();
    else this.emit('window-all-closed', newEvent());
  }

  private notifyAndShutdown(): void {
    if (this.shutDown) return;
    const willQuit = newEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      this.quitting = false;
      return;
    }
    this.shutdown();
  }

  private shutdown(): void {
    if (this.shutDown) return;
    this.shutDown = true;
    this.emit('quit', newEvent(), this.exitCode);
    // The message loop stops here: end the process without running anything else the app queued.
    // Only a second instance's hand-off to the first one is let through (it is sent before
    // requestSingleInstanceLock returns in Electron).
    if (this.lock.pending) void this.lock.pending.then(() => process.exit(this.exitCode));
    else process.exit(this.exitCode);
  }
}
