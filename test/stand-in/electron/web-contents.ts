import { EventEmitter } from 'node:events';
import { newEvent } from './app-event';
import { toTest } from './test-channel';

export interface WindowOpenDetails {
  url: string;
  frameName: string;
  features: string;
  disposition: string;
}
export type WindowOpenHandler = (details: WindowOpenDetails) => { action: 'allow' | 'deny' };

/** `webContents` of one window: IPC out to the page, navigation and new-window decisions. */
export class StandInWebContents extends EventEmitter {
  private openHandler: WindowOpenHandler | undefined;
  private destroyed = false;

  constructor(readonly id: number) {
    super();
  }

  /** docs/api/web-contents.md `contents.send`: arguments go by structured clone, in order. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    toTest({ type: 'send', windowId: this.id, channel, args });
  }

  /**
   * docs/api/web-contents.md `setWindowOpenHandler`: asked for `window.open` and for links with a
   * target; without a handler the window opens.
   */
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.openHandler = handler;
  }

  decideWindowOpen(details: WindowOpenDetails): { action: 'allow' | 'deny' } {
    return this.openHandler ? this.openHandler(details) : { action: 'allow' };
  }

  /**
   * docs/api/web-contents.md `will-navigate`: emitted when the page (a link, `location`) starts a
   * main-frame navigation, never for `loadURL`/`loadFile`; `preventDefault()` stops it.
   */
  decideNavigation(url: string): { prevented: boolean } {
    const event = Object.assign(newEvent(), { url, isSameDocument: false, isMainFrame: true });
    this.emit('will-navigate', event, url, false, true);
    return { prevented: event.defaultPrevented };
  }

  markDestroyed(): void {
    this.destroyed = true;
    this.emit('destroyed', newEvent());
  }
}
