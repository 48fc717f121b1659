import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../src/main/electron/window-security';

const hostSource = readFileSync('src/main/electron/index.ts', 'utf8');

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourcesUnder(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/**
 * The facts behind the electronegativity findings accepted in .electronegativity/accepted.json:
 * if the host stops building its window this way, these fail and the acceptance is void.
 */
describe('Electron hardening the static scan cannot see', () => {
  it('the window\'s preferences isolate and sandbox the renderer and turn off middle-click windows', () => {
    expect(secureWebPreferences('/p.cjs')).toEqual({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    });
  });

  it('the host builds its one window with those preferences and locks down its contents and session', () => {
    expect(hostSource.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(hostSource).toMatch(/webPreferences: secureWebPreferences\(/);
    expect(hostSource).toMatch(/lockDownWebContents\(window\.webContents, /);
    expect(hostSource).toMatch(/lockDownSession\(session\.defaultSession, isAppUrl\)/);
    expect(hostSource).toMatch(/setWindowOpenHandler\(\(\{ url \}\) => \{\s+if \(isSafeExternalUrl\(url\)\) void shell\.openExternal\(url\);\s+return \{ action: 'deny' \};/);
  });

  it('every shell.openExternal in the host sits behind the http/https allowlist', () => {
    const calls = [...hostSource.matchAll(/^.*shell\.openExternal\(.*$/gm)].map((m) => m[0].trim());
    expect(calls).toEqual([
      'lockDownWebContents(window.webContents, (url) => shell.openExternal(url), isAppUrl);',
      'if (isSafeExternalUrl(url)) void shell.openExternal(url);',
    ]);
  });

  it('IPC is bound with a check that the sender is the app\'s own window and page', () => {
    expect(hostSource).toMatch(/bindIpc\(ipcMain, core\.dispatch, \(event\) => \{[\s\S]*?event\.sender === mainWindow\.webContents && isAppUrl\(frameUrl\)/);
  });

  it('nothing turns Node, remote or insecure content back on', () => {
    const offenders = sourcesUnder('src').filter((file) =>
      /nodeIntegration:\s*true|enableRemoteModule|@electron\/remote|allowRunningInsecureContent:\s*true|webSecurity:\s*false|contextIsolation:\s*false|sandbox:\s*false/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('the preload exposes one frozen API object and no Electron object', () => {
    const preload = readFileSync('src/preload/index.ts', 'utf8');
    expect([...preload.matchAll(/exposeInMainWorld\(([^,]+),/g)].map((m) => m[1])).toEqual(["'tallychat'"]);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer[,)]/);
  });
});
