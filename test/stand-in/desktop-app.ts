import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from '@playwright/test';
import { GAP_MARK } from './electron/strict-api';
import type { FromMain, MainAnswers, MainQuestion, ToMain, UserAction } from './protocol';

const BINDING = '__electronStandIn';
const DELIVER = '__electronStandInDeliver';
const PRELOAD_HOST = readFileSync(resolve(import.meta.dirname, 'page-preload-host.js'), 'utf8');
/** Playwright's name for each Electron permission main may grant. */
const PLAYWRIGHT_PERMISSION: Record<string, string> = { 'clipboard-sanitized-write': 'clipboard-write' };

export interface LaunchOptions {
  browser: Browser;
  /** The user's home folder (HOME; and APPDATA under it when following Windows rules). */
  home: string;
  env?: Record<string, string>;
  /** Whose path rules `app.getPath` follows (default: this machine's). */
  platform?: 'linux' | 'darwin' | 'win32';
  mainBundle?: string;
}

function killIfAlive(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** One IPC frame as it crossed between page and main, serialized for searching. */
export interface IpcFrame {
  direction: 'invoke' | 'reply' | 'event';
  channel: string;
  json: string;
}

/**
 * The desktop app on the Electron stand-in: the real main bundle in a Node child process with
 * `electron` resolved to test/stand-in/electron, its windows as Chromium pages here, each with the
 * real preload bundle, and IPC routed between them.
 */
export class DesktopApp {
  readonly ipcFrames: IpcFrame[] = [];
  readonly externalUrls: string[] = [];
  readonly windowChanges: string[] = [];
  /** Electron APIs the app touched that the stand-in does not model (main's and the preload's). */
  get gaps(): string[] {
    const fromMain = this.output.split('\n').flatMap((line) => (line.startsWith(GAP_MARK) ? [line.slice(GAP_MARK.length)] : []));
    return [...fromMain, ...this.pageGaps];
  }
  private readonly pageGaps: string[] = [];
  readonly errorBoxes: string[] = [];
  /** The save dialogs main showed: what each offered, and what the user chose (null: cancelled). */
  readonly saveDialogs: { defaultPath: string; chosen: string | null }[] = [];
  /** The OS notifications main showed, in order. */
  readonly notifications: { title: string; body: string }[] = [];
  /** The utility processes main forked, in order, by their process ids. */
  readonly utilityProcesses: { pid: number; serviceName: string }[] = [];
  readonly consoleErrors: string[] = [];
  /** Failures of the stand-in's Chromium half (loading a page, delivering an event). */
  readonly hostErrors: string[] = [];
  output = '';
  /** Resolves with the exit code when main's process ends. */
  readonly exited: Promise<number | null>;
  private readonly pages = new Map<number, Promise<Page>>();
  private firstPage: (page: Page) => void = () => {};
  private readonly firstPagePromise = new Promise<Page>((resolve) => (this.firstPage = resolve));
  private readonly pending = new Map<number, (value: unknown) => void>();
  private nextQuestion = 1;
  private readonly loading = new Map<number, string>();
  private pageQueue = new Map<number, Promise<unknown>>();

  private constructor(
    private readonly child: ChildProcess,
    readonly context: BrowserContext,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.on('message', (message: FromMain) =>
      this.onMessage(message).catch((error: unknown) => this.hostErrors.push(`${message.type}: ${String(error)}`)),
    );
  }

  static async launch(options: LaunchOptions): Promise<DesktopApp> {
    const root = resolve(import.meta.dirname, '../..');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: options.home,
      ...(options.platform === 'win32' ? { APPDATA: resolve(options.home, 'AppData/Roaming') } : {}),
      ...(options.platform ? { ELECTRON_STAND_IN_PLATFORM: options.platform } : {}),
      ...options.env,
    };
    const child = fork(options.mainBundle ?? resolve(root, 'out/main/index.js'), [], {
      cwd: root,
      env,
      execArgv: ['--import', 'tsx', '--import', resolve(import.meta.dirname, 'register-electron.mjs')],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const context = await options.browser.newContext({ viewport: { width: 1200, height: 800 } });
    return new DesktopApp(child, context);
  }

  /** The app's first window, once main has created it and loaded its page. */
  window(): Promise<Page> {
    return Promise.race([
      this.firstPagePromise,
      this.exited.then((code) => {
        throw new Error(`main exited (${code}) before opening a window:\n${this.output}`);
      }),
    ]);
  }

  /** The user closes the window (its close button). */
  closeWindow(windowId = 1): void {
    this.act({ type: 'close-window', windowId });
  }

  minimize(windowId = 1): void {
    this.windowChanges.push('minimize');
    this.act({ type: 'minimize', windowId });
  }

  /** Ends main if a test left it running, then the browser context. */
  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
    for (const { pid } of this.utilityProcesses) killIfAlive(pid);
    await this.context.close();
  }

  private act(action: UserAction): void {
    this.toMain(action satisfies ToMain);
  }

  private ask<T extends MainQuestion['type']>(question: Extract<MainQuestion, { type: T }>): Promise<MainAnswers[T]> {
    const id = this.nextQuestion++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (value: unknown) => void);
      this.toMain({ id, ...question } as ToMain);
    });
  }

  /**
   * A page can still call while main is ending (a query refetching as the test closes the app). In
   * Electron the renderer goes down with main and such a call is never answered: here too, instead
   * of an error thrown into the test from a closed channel.
   */
  private toMain(message: ToMain): void {
    if (!this.child.connected) return;
    this.child.send(message, (error) => {
      // EPIPE or a closed channel: main ended between the check and the write (a test's dispose).
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (error && code !== 'EPIPE' && code !== 'ERR_IPC_CHANNEL_CLOSED') throw error;
    });
  }

  private async onMessage(message: FromMain): Promise<void> {
    switch (message.type) {
      case 'reply':
        this.pending.get(message.id)?.(message.value);
        this.pending.delete(message.id);
        return;
      case 'window-created':
        this.pages.set(message.windowId, this.openPage(message.windowId, message.preload));
        return;
      case 'window-load':
        return this.load(message.windowId, message.url);
      case 'window-state': {
        this.windowChanges.push(message.change);
        const page = await this.pages.get(message.windowId);
        if (message.change === 'focus') await page?.bringToFront();
        if (message.change === 'destroyed') await page?.close();
        return;
      }
      case 'send':
        this.ipcFrames.push({ direction: 'event', channel: message.channel, json: JSON.stringify(message.args) });
        return this.inPageOrder(message.windowId, (page) =>
          page.evaluate(([deliver, channel, args]) => (globalThis as unknown as Record<string, (c: string, a: unknown[]) => void>)[deliver]!(channel, args), [
            DELIVER,
            message.channel,
            message.args,
          ] as const),
        );
      case 'open-external':
        this.externalUrls.push(message.url);
        return;
      case 'error-box':
        this.errorBoxes.push(`${message.title}: ${message.content}`);
        return;
      case 'save-dialog':
        this.saveDialogs.push({ defaultPath: message.defaultPath, chosen: message.chosen });
        return;
      case 'notification-shown':
        this.notifications.push({ title: message.title, body: message.body });
        return;
      case 'utility-spawned':
        this.utilityProcesses.push({ pid: message.pid, serviceName: message.serviceName });
        return;
    }
  }

  /** Events reach the page in the order main sent them. */
  private inPageOrder(windowId: number, step: (page: Page) => Promise<unknown>): Promise<void> {
    const previous = this.pageQueue.get(windowId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const page = await this.pages.get(windowId);
      if (page && !page.isClosed()) await step(page).catch((error: unknown) => {
        if (!page.isClosed()) throw error;
      });
    });
    this.pageQueue.set(windowId, next);
    return next;
  }

  private async openPage(windowId: number, preloadPath: string): Promise<Page> {
    const page = await this.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(String(error)));
    await page.exposeBinding(BINDING, (source, kind: string, payload: Record<string, unknown>) =>
      this.fromPage(windowId, source.frame.url(), source.frame === source.page.mainFrame(), kind, payload),
    );
    const preload = readFileSync(preloadPath, 'utf8');
    await page.addInitScript({
      content: `${PRELOAD_HOST}\nstandInPreloadHost(${JSON.stringify({ binding: BINDING, deliver: DELIVER })}, function (require, module, exports) {\n${preload}\n});`,
    });
    await page.route('**/*', (route) => this.onRequest(windowId, route));
    return page;
  }

  private async fromPage(windowId: number, frameUrl: string, isMainFrame: boolean, kind: string, payload: Record<string, unknown>): Promise<unknown> {
    if (kind === 'invoke') {
      const channel = String(payload.channel);
      const args = payload.args as unknown[];
      this.ipcFrames.push({ direction: 'invoke', channel, json: JSON.stringify(args) });
      const answer = await this.ask({ type: 'invoke', windowId, frameUrl, channel, args });
      this.ipcFrames.push({ direction: 'reply', channel, json: JSON.stringify(answer) });
      return answer;
    }
    if (kind === 'permission') {
      const permission = String(payload.permission);
      const granted = await this.ask({ type: 'permission', windowId, permission, requestingUrl: frameUrl, isMainFrame });
      const playwrightName = PLAYWRIGHT_PERMISSION[permission];
      if (granted && playwrightName) await this.context.grantPermissions([playwrightName]);
      return granted;
    }
    if (kind === 'window-open') {
      const { url, frameName, features, disposition } = payload as Record<string, string>;
      return this.ask({ type: 'window-open', windowId, url: url!, frameName: frameName!, features: features!, disposition: disposition! });
    }
    if (kind === 'gap') {
      this.pageGaps.push(String(payload.member));
      return undefined;
    }
    throw new Error(`stand-in page sent an unknown ${kind}`);
  }

  private async load(windowId: number, url: string): Promise<void> {
    const page = await this.pages.get(windowId);
    if (!page) throw new Error(`main loaded window ${windowId}, which it never created`);
    this.loading.set(windowId, url);
    await page.goto(url);
    this.loading.delete(windowId);
    this.act({ type: 'ready-to-show', windowId });
    if (windowId === 1) this.firstPage(page);
  }

  /**
   * Requests leave only for this machine. A main-frame navigation the page starts asks main's
   * `will-navigate` first (loadURL/loadFile do not); each response passes main's onHeadersReceived.
   */
  private async onRequest(windowId: number, route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    const page = await this.pages.get(windowId);
    const pageNavigation = request.isNavigationRequest() && request.frame() === page?.mainFrame() && this.loading.get(windowId) !== request.url();
    if (pageNavigation && (await this.ask({ type: 'will-navigate', windowId, url: request.url() })).prevented) return route.abort('aborted');
    // The bundled page and its files: no HTTP response, so no headers for main to change.
    if (url.protocol === 'file:') return route.continue();
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return route.abort('blockedbyclient');
    const response = await route.fetch();
    const { responseHeaders } = await this.ask({
      type: 'headers',
      url: request.url(),
      resourceType: request.resourceType(),
      responseHeaders: Object.fromEntries(Object.entries(response.headers()).map(([name, value]) => [name, [value]])),
    });
    return route.fulfill({ response, headers: Object.fromEntries(Object.entries(responseHeaders).map(([name, values]) => [name, values.join(', ')])) });
  }
}
