#!/usr/bin/env node
// `npm start`: make sure the Electron binary and an Electron build of better-sqlite3 exist, then
// build and launch the app. The Electron build of the native module goes to its own folder
// (.electron-native/<version>/) so node_modules keeps the Node build that `npm test` and the CLI use.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;

function step(message) {
  console.log(`[tallychat] ${message}`);
}

function fail(message) {
  console.error(`[tallychat] ${message}`);
  process.exit(1);
}

function sh(command, args, cwd = root) {
  return spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env }).status === 0;
}

function ensureElectronBinary() {
  try {
    require('electron');
    return;
  } catch {
    step(`downloading Electron ${electronVersion} (first start only)…`);
  }
  if (!sh(process.execPath, [join(root, 'node_modules/electron/install.js')])) {
    fail(
      `Could not download Electron ${electronVersion}. It comes from GitHub on first start; check the network ` +
        'or set ELECTRON_MIRROR. Browser mode needs no download: npx tallychat ui',
    );
  }
}

function ensureNativeModule() {
  const target = join(root, '.electron-native', electronVersion, 'better_sqlite3.node');
  if (existsSync(target)) return;
  step(`building better-sqlite3 for Electron ${electronVersion} (first start only)…`);
  const work = join(root, '.electron-native', `build-${electronVersion}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const electronFlags = [`--runtime=electron`, `--target=${electronVersion}`, `--arch=${process.arch}`];
  const prebuilt = sh(process.execPath, [join(root, 'node_modules/prebuild-install/bin.js'), ...electronFlags], work);
  const nodeGyp = process.env.npm_config_node_gyp;
  const built =
    prebuilt ||
    (nodeGyp !== undefined &&
      sh(process.execPath, [nodeGyp, 'rebuild', '--release', ...electronFlags, '--dist-url=https://electronjs.org/headers'], work));
  const output = join(work, 'build/Release/better_sqlite3.node');
  if (!built || !existsSync(output)) {
    fail(`Could not get better-sqlite3 for Electron ${electronVersion}. See README.md, "Running the desktop app".`);
  }
  mkdirSync(join(root, '.electron-native', electronVersion), { recursive: true });
  copyFileSync(output, target);
  rmSync(work, { recursive: true, force: true });
}

ensureElectronBinary();
ensureNativeModule();
process.exit(sh(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'preview', ...process.argv.slice(2)]) ? 0 : 1);
