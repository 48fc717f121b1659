import { windowById } from './browser-window';
import { strictApi } from './strict-api';
import { answerQuestions } from './test-channel';

type InvokeHandler = (event: object, ...args: unknown[]) => unknown;

/** `ipcMain.handle`/`removeHandler`, after lib/browser/ipc-main-impl.ts and lib/browser/ipc-dispatch.ts. */
export class StandInIpcMain {
  private readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /**
   * The event carries the sending `webContents` and its frame (docs/api/structures/ipc-main-invoke-event.md);
   * a missing handler or a throw answers with the error's text, which ipcRenderer.invoke rethrows.
   */
  async dispatch(windowId: number, frameUrl: string, channel: string, args: unknown[]): Promise<{ result: unknown } | { error: string }> {
    const window = windowById(windowId);
    const handler = this.handlers.get(channel);
    if (!window) return { error: `Error: the window that sent '${channel}' is gone` };
    if (!handler) return { error: `Error: No handler registered for '${channel}'` };
    const event = strictApi('IpcMainInvokeEvent', {
      type: 'frame',
      sender: window.webContents,
      senderFrame: strictApi('WebFrameMain', { url: frameUrl }),
      processId: window.id,
      frameId: 1,
    });
    try {
      return { result: await handler(event, ...args) };
    } catch (error) {
      return { error: String(error) };
    }
  }
}

export function answerInvokes(ipcMain: StandInIpcMain): void {
  answerQuestions('invoke', ({ windowId, frameUrl, channel, args }) => ipcMain.dispatch(windowId, frameUrl, channel, args));
}
