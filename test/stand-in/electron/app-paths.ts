import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The OS whose path rules the stand-in follows; a test may pick another than the one it runs on. */
export type PathPlatform = 'linux' | 'darwin' | 'win32';

export function pathPlatform(env: NodeJS.ProcessEnv = process.env): PathPlatform {
  const chosen = env.ELECTRON_STAND_IN_PLATFORM ?? process.platform;
  if (chosen === 'linux' || chosen === 'darwin' || chosen === 'win32') return chosen;
  throw new Error(`The Electron stand-in knows the path rules of linux, darwin and win32, not ${chosen}.`);
}

/**
 * `app.getPath('appData')`. Electron's docs (docs/api/app.md, getPath): `%APPDATA%` on Windows,
 * `$XDG_CONFIG_HOME` or `~/.config` on Linux, `~/Library/Application Support` on macOS
 * (shell/common/electron_paths.cc, DIR_APP_DATA, reads XDG_CONFIG_HOME on Linux).
 */
export function appDataPath(platform: PathPlatform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  if (platform === 'win32') {
    if (!env.APPDATA) throw new Error('The stand-in follows Windows path rules and needs APPDATA set.');
    return env.APPDATA;
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(home, '.config');
}

export interface AppPackage {
  /** The folder holding the app's package.json: `app.getAppPath()`. */
  appPath: string;
  name: string;
  version: string;
}

/**
 * Electron reads the app's package.json and names the app `productName`, else `name`
 * (lib/browser/init.ts: `app.name = packageJson.productName ?? packageJson.name`);
 * `userData` is `appData` joined with that name (shell/common/electron_paths.cc, DIR_USER_DATA).
 */
export function readAppPackage(mainScript: string): AppPackage {
  for (let dir = dirname(mainScript); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; productName?: string; version?: string };
      const name = (json.productName ?? json.name)?.trim();
      if (!name) throw new Error(`${file} names no app (neither productName nor name).`);
      return { appPath: dir, name, version: json.version ?? '0.0.0' };
    }
    if (dirname(dir) === dir) throw new Error(`No package.json above ${mainScript}: Electron would refuse to start ("Unable to find a valid app").`);
  }
}
