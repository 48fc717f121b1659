import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { extractAll } from '@electron/asar';

const root = resolve(import.meta.dirname, '../..');

/** What `npm run dist:stand-in` packaged for this machine (electron-builder's `dir` target for Linux). */
export const PACKAGED_DIR = join(root, 'dist-stand-in', 'out', process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`);
export const PACKAGED_ASAR = join(PACKAGED_DIR, 'resources', 'app.asar');

/**
 * Packages the built app (`npm run build` first) against the stand-in Electron distribution,
 * unless dist-stand-in/ already holds a package of exactly these files: the asar test and the
 * packaged-start spec share one package per test run.
 */
export function ensurePackaged(): void {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'dist-stand-in.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Packaging against the stand-in Electron failed:\n${result.stdout}${result.stderr}`);
}

/**
 * The packaged app as Electron presents it to the app: Electron reads app.asar as a read-only
 * folder of that name, and sends a read of an unpacked file to app.asar.unpacked/ beside it.
 * Node reads no asar, so the archive is extracted to `<into>/resources/app.asar/` (a folder);
 * @electron/asar takes each unpacked file from app.asar.unpacked/, and fails if one is missing
 * there. Every path the app computes from its own location (its bundles, its migrations, its
 * node_modules, the native module) is then the one it computes in Electron. Returns the main
 * bundle to start.
 */
export function extractPackagedApp(into: string): string {
  const appFolder = join(into, 'resources', 'app.asar');
  extractAll(PACKAGED_ASAR, appFolder);
  return join(appFolder, 'out', 'main', 'index.js');
}
