/**
 * The Electron host: the only code that imports 'electron' at run time. It keeps the window, the
 * security settings, dialogs and safeStorage; the core runs in a utility process of its own
 * (src/main/core-process), so a slow export or a crash there never stalls or takes down the
 * window. Main relays the IPC contract to it and forwards its events to the window.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Notification, app, dialog, ipcMain, safeStorage, session, shell, utilityProcess } from 'electron';
import { EVENT_CHANNEL } from '../../shared/contract';
import { CoreSupervisor } from '../core-process/core-supervisor';
import { bindIpc } from './ipc-bridge';
import { findElectronNativeBinding } from './native-binding';
import { closeBeforeQuit } from './quit-after-close';
import { openDesktopSecretStore } from './secret-store-wiring';
import { notifySpendAlerts } from './spend-notifications';
import { isSafeExternalUrl, lockDownSession, lockDownWebContents, secureWebPreferences } from './window-security';

let core: CoreSupervisor | undefined;
/** Long enough for the first paint to settle; short enough to beat a first typed message. */
const TOKENIZER_WARM_UP_DELAY_MS = 1500;
let mainWindow: BrowserWindow | undefined;

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');

/** Only our own page: the dev server's origin, or exactly the bundled index.html. */
function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (rendererUrl) return parsed.origin === new URL(rendererUrl).origin;
  return parsed.protocol === 'file:' && parsed.pathname === pathToFileURL(rendererFile).pathname;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Tallychat',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  lockDownWebContents(window.webContents, (url) => shell.openExternal(url), isAppUrl);
  window.once('ready-to-show', () => window.show());
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(rendererFile);
  return window;
}

/** The dialog's file type, named for the extension the core suggested. */
const EXPORT_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  md: { name: 'Markdown', extensions: ['md'] },
  json: { name: 'JSON', extensions: ['json'] },
};

/** The window's exports (CSV, a conversation): main asks where, the core writes the file (the text never passes through here). */
async function chooseExportFile(suggestedName: string): Promise<string | undefined> {
  const filter = EXPORT_FILTERS[suggestedName.slice(suggestedName.lastIndexOf('.') + 1)];
  const options = { defaultPath: suggestedName, ...(filter ? { filters: [filter] } : {}) };
  const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? undefined : chosen.filePath;
}

async function start(): Promise<void> {
  const nativeBinding = findElectronNativeBinding(
    app.getAppPath(),
    { platform: process.platform, arch: process.arch, electronVersion: process.versions.electron, abi: Number(process.versions.modules) },
    (message) => console.warn(`[tallychat] ${message}`),
  );
  const dataDir = app.getPath('userData');
  // After 'ready': before it, safeStorage reports no keychain.
  const secrets = await openDesktopSecretStore(safeStorage, dataDir);
  const notify = notifySpendAlerts(Notification);
  core = new CoreSupervisor({
    fork: () => utilityProcess.fork(join(__dirname, 'core.js'), [], { serviceName: 'Tallychat core', stdio: 'inherit' }),
    start: { dataDir, appVersion: app.getVersion(), ...(nativeBinding ? { nativeBinding } : {}) },
    secrets,
    onEvent: (event) => {
      notify(event);
      mainWindow?.webContents.send(EVENT_CHANNEL, event);
    },
    chooseExportFile,
    report: (message) => console.error(`[tallychat] ${message}`),
  });
  await core.start();
  lockDownSession(session.defaultSession, isAppUrl);
  bindIpc(ipcMain, core.dispatch, (event) => {
    const frameUrl = event.senderFrame?.url ?? '';
    return mainWindow !== undefined && event.sender === mainWindow.webContents && isAppUrl(frameUrl);
  });
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  mainWindow.once('ready-to-show', () => setTimeout(() => core?.warmUp(), TOKENIZER_WARM_UP_DELAY_MS));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Tallychat could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
  closeBeforeQuit(
    app,
    () => core?.close(),
    (message, error) => console.error(`[tallychat] ${message}`, ...(error === undefined ? [] : [error])),
  );
}
