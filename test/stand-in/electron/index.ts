/**
 * The Electron stand-in: what `import … from 'electron'` gives the real main bundle when it runs
 * under Node in tests (test/stand-in/electron-hook.mjs points the specifier here). It models only the
 * main-process API Tallychat uses, each rule with its source in Electron's docs or lib/browser/*;
 * touching anything else fails the test (strict-api.ts). The pages live in the test's Chromium
 * (test/stand-in/desktop-app.ts), reached through test-channel.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { newEvent } from './app-event';
import { StandInApp } from './app';
import { defineBrowserWindow, windowById } from './browser-window';
import { StandInIpcMain, answerInvokes } from './ipc-main';
import { Notification } from './notification';
import { createSafeStorage } from './safe-storage';
import { createSession } from './session';
import { strictApi } from './strict-api';
import { answerQuestions, toTest } from './test-channel';
import { createUtilityProcess } from './utility-process';
import { WindowList } from './window-list';

const require = createRequire(import.meta.url);
const electronPackage = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string };
// Electron's Node reports its own version here (docs/api/process.md, process.versions.electron).
Object.defineProperty(process.versions, 'electron', { value: electronPackage.version, enumerable: true });

const mainScript = process.argv[1];
if (!mainScript) throw new Error('The stand-in runs a main script: node --import … out/main/index.js');

const windows = new WindowList();
const appImpl = new StandInApp(mainScript, windows);
const defaultSession = createSession();
const ipcMainImpl = new StandInIpcMain();
answerInvokes(ipcMainImpl);

export const app = strictApi('App', appImpl);
export const ipcMain = strictApi('IpcMain', ipcMainImpl);
export const session = strictApi('session', { defaultSession });
export const safeStorage = createSafeStorage(() => appImpl.isReady());
export const BrowserWindow = strictApi(
  'BrowserWindow (static)',
  defineBrowserWindow({
    windows,
    // docs/api/app.md `web-contents-created`: emitted when a new webContents is created.
    contentsCreated: (contents) => appImpl.emit('web-contents-created', newEvent(), contents),
  }),
);

export const shell = strictApi('Shell', {
  async openExternal(url: string): Promise<void> {
    toTest({ type: 'open-external', url });
  },
});

interface SaveDialogOptions {
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
}

export const dialog = strictApi('Dialog', {
  showErrorBox(title: string, content: string): void {
    process.stderr.write(`[dialog] ${title}: ${content}\n`);
    toTest({ type: 'error-box', title, content });
  },
  /**
   * docs/api/dialog.md `showSaveDialog([window, ]options)`: resolves with `canceled` and
   * `filePath`, "If the dialog is canceled, this will be an empty string". The user's answer is
   * the test's: the path in ELECTRON_STAND_IN_SAVE_AS, or a cancel when it is unset.
   */
  async showSaveDialog(windowOrOptions: object, maybeOptions?: SaveDialogOptions): Promise<{ canceled: boolean; filePath: string }> {
    const options = (maybeOptions ?? windowOrOptions) as SaveDialogOptions;
    const chosen = process.env.ELECTRON_STAND_IN_SAVE_AS;
    toTest({ type: 'save-dialog', defaultPath: options.defaultPath ?? '', chosen: chosen ?? null });
    return chosen ? { canceled: false, filePath: chosen } : { canceled: true, filePath: '' };
  },
});

answerQuestions('window-open', ({ windowId, ...details }) => windowById(windowId)?.webContents.decideWindowOpen(details) ?? { action: 'deny' });
answerQuestions('will-navigate', ({ windowId, url }) => windowById(windowId)?.webContents.decideNavigation(url) ?? { prevented: true });

export const utilityProcess = createUtilityProcess(() => appImpl.isReady());

export { Notification };

export default strictApi('electron', { app, ipcMain, session, safeStorage, BrowserWindow, shell, dialog, utilityProcess, Notification });
