// `npm start` and `npm run dev`: make sure the Electron binary and an Electron build of
// better-sqlite3 exist, then run electron-vite (`preview`: build and launch; `dev`: dev server with
// hot reload). The Electron build of the native module goes to its own folder (.electron-native/)
// so node_modules keeps the Node build that `npm test` and the CLI use.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { installedBetterSqlite3Version } from '../src/main/electron/native-binding';
import { electronArch, readInstalledElectron } from './electron-native/installed-electron';
import { NativeBuildError, ensureNativeModule, type Run } from './electron-native/native-module-build';

const root = resolve(import.meta.dirname, '..');
const [mode = 'preview', ...forwarded] = process.argv.slice(2);
if (mode !== 'preview' && mode !== 'dev') throw new Error(`start-electron: mode is preview or dev, not ${mode}`);

const say = (line: string) => console.log(`[tallychat] ${line}`);
function fail(message: string): never {
  console.error(`[tallychat] ${message}`);
  process.exit(1);
}

/** Child output is kept, and shown only when a step fails. */
const run: Run = (command, args, options) => {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
};

let electron = readInstalledElectron(root);
if (!electron.executable) {
  say(`Electron ${electron.version}: downloading it (first start only)…`);
  const download = run(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, env: process.env });
  electron = readInstalledElectron(root);
  if (!download.ok || !electron.executable) {
    const reason = download.output.trim().split('\n').find((line) => /error/i.test(line)) ?? download.output.trim().split('\n')[0];
    fail(
      `Could not download Electron ${electron.version} (${reason}). It comes from GitHub on first start; check the network or set ` +
        'ELECTRON_MIRROR, then run this again. Browser mode needs no download: npx tallychat ui',
    );
  }
}

const betterSqlite3Version = installedBetterSqlite3Version(root);
if (!betterSqlite3Version) fail('better-sqlite3 is not installed: run npm install first.');

try {
  ensureNativeModule({
    root,
    key: {
      platform: process.platform,
      arch: electronArch(electron.executable),
      electronVersion: electron.version,
      betterSqlite3Version,
    },
    electronAbi: electron.abi,
    env: process.env,
    nodeGyp: process.env.npm_config_node_gyp,
    run,
    report: say,
  });
} catch (error) {
  if (error instanceof NativeBuildError) fail(error.message);
  throw error;
}

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
process.exit(spawnSync(process.execPath, [electronVite, mode, ...forwarded], { cwd: root, stdio: 'inherit' }).status ?? 1);
