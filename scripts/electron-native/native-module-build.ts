import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { electronNativeBindingPath, nativeBuildFolder, type NativeBuildKey } from '../../src/main/electron/native-binding';
import { binaryArch, moduleAbi } from '../../src/main/electron/native-module-facts';
import { cleanBuildEnv } from './build-env';
import { missingTools, toolchainHelp } from './toolchain';

export type RunResult = { ok: boolean; output: string };
/** Runs a command to completion, capturing its output (a fake compiler in tests). */
export type Run = (command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) => RunResult;

export class NativeBuildError extends Error {}

export interface NativeBuildRequest {
  root: string;
  key: NativeBuildKey & { platform: NodeJS.Platform };
  /** The ABI the installed Electron loads (node_modules/electron/abi_version). */
  electronAbi: number;
  env: NodeJS.ProcessEnv;
  /** node-gyp's script, from npm (`npm_config_node_gyp`); undefined outside npm. */
  nodeGyp: string | undefined;
  run: Run;
  report: (line: string) => void;
}

/** Why a built module cannot be loaded by this Electron, or undefined when it can. */
export function unusableReason(binary: Buffer, key: NativeBuildKey, electronAbi: number): string | undefined {
  const abi = moduleAbi(binary);
  if (abi !== electronAbi) {
    return `it was built for ABI ${abi ?? 'unknown'}, but Electron ${key.electronVersion} loads ABI ${electronAbi} (was it built against another Node's headers?)`;
  }
  const arch = binaryArch(binary);
  if (arch !== key.arch) return `it was built for ${arch ?? 'an unknown CPU'}, but the installed Electron is ${key.arch}`;
  return undefined;
}

/**
 * Makes sure `.electron-native/<key>/better_sqlite3.node` holds a better-sqlite3 this Electron can
 * load: a verified cache entry is used as is; otherwise a prebuilt binary is fetched, or, failing
 * that, node-gyp compiles one, in a clean environment and with Electron's headers. Nothing enters
 * the cache before its ABI and CPU are checked. Returns the module's path.
 */
export function ensureNativeModule(request: NativeBuildRequest): string {
  const { root, key, electronAbi, report } = request;
  const target = electronNativeBindingPath(root, key);
  const label = `better-sqlite3 ${key.betterSqlite3Version} for Electron ${key.electronVersion} (${key.platform}-${key.arch})`;
  if (existsSync(target)) {
    const reason = unusableReason(readFileSync(target), key, electronAbi);
    if (!reason) return target;
    report(`${label}: the cached build is unusable, ${reason}; building it again`);
    rmSync(target);
  }

  const work = join(root, '.electron-native', `build-${nativeBuildFolder(key)}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  const output = join(work, 'build', 'Release', 'better_sqlite3.node');
  const env = cleanBuildEnv(request.env);
  const flags = ['--runtime=electron', `--target=${key.electronVersion}`, `--arch=${key.arch}`];

  report(`${label}: first start, getting a prebuilt binary…`);
  const prebuilt = request.run(process.execPath, [join(root, 'node_modules', 'prebuild-install', 'bin.js'), ...flags, `--platform=${key.platform}`], { cwd: work, env });
  if (!prebuilt.ok || !existsSync(output)) {
    const missing = missingTools(key.platform, env);
    if (missing.length) throw new NativeBuildError(`No prebuilt ${label} could be downloaded. ${toolchainHelp(key.platform, missing)}`);
    if (!request.nodeGyp) throw new NativeBuildError(`No prebuilt ${label} could be downloaded, and node-gyp comes with npm: run this through \`npm start\`.`);
    report(`${label}: no prebuilt binary, compiling it (a minute or two)…`);
    const compiled = request.run(process.execPath, [request.nodeGyp, 'rebuild', '--release', ...flags, '--dist-url=https://electronjs.org/headers'], { cwd: work, env });
    if (!compiled.ok || !existsSync(output)) {
      throw new NativeBuildError(`Compiling ${label} failed. ${toolchainHelp(key.platform, [])}\n${compiled.output.trim().split('\n').slice(-15).join('\n')}`);
    }
  }
  const reason = unusableReason(readFileSync(output), key, electronAbi);
  if (reason) throw new NativeBuildError(`The ${label} just built is unusable: ${reason}.`);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(output, target);
  rmSync(work, { recursive: true, force: true });
  report(`${label}: ready`);
  return target;
}
