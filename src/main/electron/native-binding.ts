import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { moduleAbi } from './native-module-facts';

/**
 * better-sqlite3's Node build (tests, CLI) and its Electron build have different ABIs. `npm start`
 * builds the Electron one into `.electron-native/<key>/`, keyed by everything that changes the
 * binary: platform, arch, Electron version and better-sqlite3 version. The app opens the database
 * with it through `nativeBinding`, leaving node_modules' Node build untouched.
 */
export interface NativeBuildKey {
  platform: string;
  arch: string;
  electronVersion: string;
  betterSqlite3Version: string;
}

export function nativeBuildFolder(key: NativeBuildKey): string {
  return `${key.platform}-${key.arch}-electron-${key.electronVersion}-better-sqlite3-${key.betterSqlite3Version}`;
}

export function electronNativeBindingPath(appPath: string, key: NativeBuildKey): string {
  return join(appPath, '.electron-native', nativeBuildFolder(key), 'better_sqlite3.node');
}

/** The better-sqlite3 version the app at `appPath` would load; undefined when it cannot be found from there. */
export function installedBetterSqlite3Version(appPath: string): string | undefined {
  let file: string;
  try {
    file = createRequire(join(appPath, 'package.json')).resolve('better-sqlite3/package.json');
  } catch {
    return undefined;
  }
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export interface NativeRuntime {
  platform: string;
  arch: string;
  /** `process.versions.electron`. */
  electronVersion: string | undefined;
  /** `process.versions.modules`: the ABI this runtime loads. */
  abi: number;
}

/**
 * The cached Electron build for this app, if there is one that this runtime can load: its ABI is
 * checked against the running one before use, so a stale or foreign build is reported, never loaded.
 * Without a cache entry (a packaged app, whose installer carries its own build) better-sqlite3 loads
 * its default binding.
 */
export function findElectronNativeBinding(appPath: string, runtime: NativeRuntime, warn: (message: string) => void): string | undefined {
  const betterSqlite3Version = installedBetterSqlite3Version(appPath);
  if (runtime.electronVersion === undefined || betterSqlite3Version === undefined) return undefined;
  const path = electronNativeBindingPath(appPath, { ...runtime, electronVersion: runtime.electronVersion, betterSqlite3Version });
  if (!existsSync(path)) return undefined;
  const abi = moduleAbi(readFileSync(path));
  if (abi === runtime.abi) return path;
  warn(`${path} is built for ABI ${abi ?? 'unknown'}, this runtime needs ${runtime.abi}: not using it (npm start rebuilds it)`);
  return undefined;
}
