import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3's Node build (tests, CLI) and its Electron build have different ABIs. `npm start`
 * builds the Electron one into `.electron-native/<electron version>/`; the app opens the database
 * with it through `nativeBinding`, leaving node_modules' Node build untouched.
 */
export function electronNativeBindingPath(appPath: string, electronVersion: string): string {
  return join(appPath, '.electron-native', electronVersion, 'better_sqlite3.node');
}

export function findElectronNativeBinding(appPath: string, electronVersion: string): string | undefined {
  const path = electronNativeBindingPath(appPath, electronVersion);
  return existsSync(path) ? path : undefined;
}
