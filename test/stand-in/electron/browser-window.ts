import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { newEvent } from './app-event';
import { strictApi } from './strict-api';
import { onUserAction, toTest } from './test-channel';
import { StandInWebContents } from './web-contents';
import type { WindowList } from './window-list';

interface WindowOptions {
  show?: boolean;
  webPreferences?: { preload?: string };
}

export interface BrowserWindowWorld {
  windows: WindowList;
  /** app's `web-contents-created`, emitted as each window's contents are created. */
  contentsCreated(contents: StandInWebContents): void;
}

const byId = new Map<number, StandInBrowserWindow>();
let nextId = 1;

/** The window with the given id, while it is open. */
export function windowById(id: number): StandInBrowserWindow | undefined {
  return byId.get(id);
}

/**
 * `BrowserWindow`: its page lives in the test's Chromium; this half keeps the window's state and
 * events. `close()` emits `close` (preventable), then `closed` (docs/api/browser-window.md).
 */
export function defineBrowserWindow(world: BrowserWindowWorld) {
  return class BrowserWindow extends StandInBrowserWindow {
    constructor(options: WindowOptions = {}) {
      super(world, options);
      return strictApi('BrowserWindow', this);
    }
  };
}

export class StandInBrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents: StandInWebContents;
  private minimized = false;
  private destroyed = false;
  private loaded: () => void = () => {};

  constructor(
    private readonly world: BrowserWindowWorld,
    options: WindowOptions,
  ) {
    super();
    const preload = options.webPreferences?.preload;
    if (!preload) throw new Error('Tallychat always has a preload; the stand-in models only that case.');
    this.webContents = strictApi('WebContents', new StandInWebContents(this.id));
    byId.set(this.id, this);
    world.windows.add(this);
    toTest({ type: 'window-created', windowId: this.id, preload });
    world.contentsCreated(this.webContents);
  }

  loadURL(url: string): Promise<void> {
    toTest({ type: 'window-load', windowId: this.id, url });
    return new Promise((resolve) => (this.loaded = resolve));
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(pathToFileURL(path).href);
  }

  show(): void {
    toTest({ type: 'window-state', windowId: this.id, change: 'show' });
  }

  focus(): void {
    toTest({ type: 'window-state', windowId: this.id, change: 'focus' });
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
    toTest({ type: 'window-state', windowId: this.id, change: 'restore' });
  }

  close(): void {
    if (this.destroyed) return;
    const event = newEvent();
    this.emit('close', event);
    if (event.defaultPrevented) this.world.windows.cancelledClose();
    else this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    byId.delete(this.id);
    toTest({ type: 'window-state', windowId: this.id, change: 'destroyed' });
    this.webContents.markDestroyed();
    this.emit('closed');
    this.world.windows.remove(this);
  }

  pageLoaded(): void {
    this.loaded();
    this.emit('ready-to-show', newEvent());
  }

  userMinimized(): void {
    this.minimized = true;
    this.emit('minimize', newEvent());
  }
}

onUserAction('ready-to-show', ({ windowId }) => byId.get(windowId)?.pageLoaded());
onUserAction('close-window', ({ windowId }) => byId.get(windowId)?.close());
onUserAction('minimize', ({ windowId }) => byId.get(windowId)?.userMinimized());
