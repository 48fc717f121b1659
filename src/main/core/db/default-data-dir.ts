import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Tallychat';
export const DATABASE_FILE_NAME = 'tallychat.sqlite';

/**
 * The folder Electron's `app.getPath('userData')` gives for productName "Tallychat", computed
 * without Electron so the CLI and browser mode open the same ledger as the desktop app.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}

export function databaseFile(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}
