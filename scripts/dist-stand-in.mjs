#!/usr/bin/env node
// `npm run dist:stand-in`: packages the built app (`npm run build` first) with electron-builder's
// unpacked `dir` target for Linux, exactly as `npm run dist` would, but against a stand-in Electron
// distribution instead of the real one, which comes from GitHub and cannot be downloaded here.
// test/packaging and the desktop-packaged spec check what it produced. Output: dist-stand-in/.
// `--if-stale` packages only when the app's files or the packaging config changed since the last
// run, so the tests that share one package can each ask for it without packaging twice.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const output = join(root, 'dist-stand-in');
const electronDist = join(output, 'electron-dist');
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

for (const bundle of ['out/main/index.js', 'out/main/core.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
  if (!existsSync(join(root, bundle))) {
    console.error(`dist-stand-in: ${bundle} is missing; run npm run build first.`);
    process.exit(1);
  }
}

const digestFile = join(output, 'inputs.sha256');
const digest = inputsDigest();
if (process.argv.includes('--if-stale') && existsSync(digestFile) && readFileSync(digestFile, 'utf8') === digest) {
  console.log('dist-stand-in: the package in dist-stand-in/ is current.');
  process.exit(0);
}

rmSync(output, { recursive: true, force: true });
writeStandInElectron(electronDist);

// electron-builder's arch flags are Node's names (--x64, --arm64): package for this machine.
const archFlag = `--${process.arch}`;
const result = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    '--linux',
    'dir',
    archFlag,
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${electronVersion}`,
    // Off here: the packaged better-sqlite3 stays the Node build node_modules has, which is what the
    // stand-in host (Node, not Electron) can load; a release machine rebuilds it for Electron.
    '-c.npmRebuild=false',
    `-c.directories.output=${join(output, 'out')}`,
  ],
  // electron-builder asks `npm ls` which production packages to copy. From the lockfile: exactly
  // what `npm ci` installs, and independent of how node_modules got there (a node_modules that is
  // a symlink, as in a git worktree sharing one install, hides every nested dependency from npm's
  // walk of the folder once its own record of the tree is older than the folder).
  { cwd: root, stdio: 'inherit', env: { ...process.env, npm_config_package_lock_only: 'true' } },
);
if (result.status !== 0) {
  console.error(`dist-stand-in: electron-builder failed (exit ${result.status ?? result.signal}).`);
  process.exit(1);
}
writeFileSync(digestFile, digest);
console.log(`dist-stand-in: packaged into ${join(output, 'out', process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`)}`);

/**
 * The files of Electron's Linux zip (electron-v<version>-linux-<arch>.zip) that electron-builder
 * handles by name when it copies an unpacked `electronDist` (app-builder-lib/out/electron/
 * ElectronFramework.js): `electron`, renamed to the app's executable; `LICENSE`, moved to
 * LICENSE.electron.txt; `locales/` (trimmed when electronLanguages is set); `resources/`, where it
 * writes app.asar; `version`. The rest of a real zip (Chromium's .pak and .so files) is opaque
 * to the packager and left out. The executable is a script that says what it is: the packaged
 * app runs on the stand-in host (test/stand-in), never through it.
 */
function writeStandInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    '#!/bin/sh\necho "This is a stand-in for the Electron binary (scripts/dist-stand-in.mjs): test/stand-in runs the packaged app." >&2\nexit 1\n',
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '');
  writeFileSync(join(dir, 'LICENSE'), `Stand-in for the license file of Electron ${electronVersion}.\n`);
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in for Chromium licenses</title>\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
}

/** Everything the package is made from: the built app, the migrations, the config and the dependencies' lock. */
function inputsDigest() {
  const hash = createHash('sha256');
  const add = (file) => hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else add(path);
    }
  };
  for (const dir of ['out/main', 'out/preload', 'out/renderer', 'drizzle']) walk(join(root, dir));
  for (const file of ['electron-builder.yml', 'package.json', 'package-lock.json', 'scripts/dist-stand-in.mjs']) add(join(root, file));
  return hash.digest('hex');
}
