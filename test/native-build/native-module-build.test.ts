import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureNativeModule, NativeBuildError, type NativeBuildRequest, type Run } from '../../scripts/electron-native/native-module-build';
import { electronArch, readInstalledElectron } from '../../scripts/electron-native/installed-electron';
import { installedBetterSqlite3Version } from '../../src/main/electron/native-binding';
import { useTempDir } from '../helpers/temp-dir';
import { fakeElf, fakeProject, fakeToolchain } from './fake-binaries';

const tempDir = useTempDir('tallychat-native-');
const LABEL = 'better-sqlite3 12.9.0 for Electron 45.4.1 (linux-x64)';

interface Call {
  tool: 'prebuild-install' | 'node-gyp';
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** node-gyp stand-in: writes a module with the given ABI and CPU where node-gyp puts it. */
function fakeCompiler(calls: Call[], built: { abi: number; arch: 'x64' | 'arm64' } | undefined): Run {
  return (_command, args, { cwd, env }) => {
    const tool = args[0]!.includes('prebuild-install') ? 'prebuild-install' : 'node-gyp';
    calls.push({ tool, args: args.slice(1), env });
    if (tool === 'prebuild-install' || !built) return { ok: false, output: `${tool}: nothing for you\n` };
    mkdirSync(join(cwd, 'build', 'Release'), { recursive: true });
    writeFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), fakeElf(built.arch, built.abi));
    return { ok: true, output: 'gyp info ok\n' };
  };
}

function request(root: string, overrides: Partial<NativeBuildRequest> = {}): NativeBuildRequest & { lines: string[] } {
  const lines: string[] = [];
  const electron = readInstalledElectron(root);
  return {
    root,
    key: {
      platform: 'linux',
      arch: electronArch(electron.executable!),
      electronVersion: electron.version,
      betterSqlite3Version: installedBetterSqlite3Version(root)!,
    },
    electronAbi: electron.abi,
    env: {
      PATH: fakeToolchain(join(root, 'bin'), ['python3', 'make', 'g++']),
      npm_config_nodedir: '/usr/include/node',
      NPM_CONFIG_TARGET: '20.19.0',
      npm_config_arch: 'ia32',
      HOME: root,
    },
    nodeGyp: '/npm/node_modules/node-gyp/bin/node-gyp.js',
    run: fakeCompiler([], { abi: 150, arch: 'x64' }),
    report: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

describe('the Electron build of better-sqlite3', () => {
  it('compiles in a clean environment with Electron\'s headers, caches by platform, arch and both versions, and tells one story', () => {
    const root = tempDir();
    fakeProject(root);
    const calls: Call[] = [];
    const first = request(root, { run: fakeCompiler(calls, { abi: 150, arch: 'x64' }) });

    const path = ensureNativeModule(first);

    expect(path).toBe(join(root, '.electron-native', 'linux-x64-electron-45.4.1-better-sqlite3-12.9.0', 'better_sqlite3.node'));
    expect(readFileSync(path)).toEqual(fakeElf('x64', 150));
    expect(calls.map((call) => call.tool)).toEqual(['prebuild-install', 'node-gyp']);
    for (const call of calls) expect(Object.keys(call.env).sort()).toEqual(['HOME', 'PATH']);
    expect(calls[1]!.args).toEqual(['rebuild', '--release', '--runtime=electron', '--target=45.4.1', '--arch=x64', '--dist-url=https://electronjs.org/headers']);
    expect(first.lines).toEqual([
      `${LABEL}: first start, getting a prebuilt binary…`,
      `${LABEL}: no prebuilt binary, compiling it (a minute or two)…`,
      `${LABEL}: ready`,
    ]);
    expect(existsSync(join(root, '.electron-native', 'build-linux-x64-electron-45.4.1-better-sqlite3-12.9.0'))).toBe(false);

    const again = request(root, { run: fakeCompiler(calls, { abi: 150, arch: 'x64' }) });
    expect(ensureNativeModule(again)).toBe(path);
    expect(calls).toHaveLength(2);
    expect(again.lines).toEqual([]);
  });

  it('builds again, into its own folder, when better-sqlite3 is upgraded', () => {
    const root = tempDir();
    fakeProject(root);
    const calls: Call[] = [];
    ensureNativeModule(request(root, { run: fakeCompiler(calls, { abi: 150, arch: 'x64' }) }));
    fakeProject(root, { betterSqlite3Version: '12.10.0' });
    const path = ensureNativeModule(request(root, { run: fakeCompiler(calls, { abi: 150, arch: 'x64' }) }));
    expect(path).toBe(join(root, '.electron-native', 'linux-x64-electron-45.4.1-better-sqlite3-12.10.0', 'better_sqlite3.node'));
    expect(calls.map((call) => call.tool)).toEqual(['prebuild-install', 'node-gyp', 'prebuild-install', 'node-gyp']);
  });

  it('takes the CPU from the installed Electron, not from the Node that runs the build (Rosetta)', () => {
    const root = tempDir();
    fakeProject(root, { electronArch: 'arm64' });
    const calls: Call[] = [];
    const path = ensureNativeModule(request(root, { run: fakeCompiler(calls, { abi: 150, arch: 'arm64' }) }));
    expect(path).toContain('linux-arm64-electron-45.4.1');
    expect(calls[1]!.args).toContain('--arch=arm64');
  });

  it('rejects a module built for another ABI, with a message, and caches nothing', () => {
    const root = tempDir();
    fakeProject(root);
    const build = request(root, { run: fakeCompiler([], { abi: 115, arch: 'x64' }) });
    expect(() => ensureNativeModule(build)).toThrow(
      new NativeBuildError(
        `The ${LABEL} just built is unusable: it was built for ABI 115, but Electron 45.4.1 loads ABI 150 (was it built against another Node's headers?).`,
      ),
    );
    expect(existsSync(join(root, '.electron-native', 'linux-x64-electron-45.4.1-better-sqlite3-12.9.0'))).toBe(false);
  });

  it('replaces a cached module that this Electron cannot load', () => {
    const root = tempDir();
    fakeProject(root);
    const target = join(root, '.electron-native', 'linux-x64-electron-45.4.1-better-sqlite3-12.9.0', 'better_sqlite3.node');
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, fakeElf('x64', 115));
    const build = request(root);
    ensureNativeModule(build);
    expect(readFileSync(target)).toEqual(fakeElf('x64', 150));
    expect(build.lines[0]).toBe(
      `${LABEL}: the cached build is unusable, it was built for ABI 115, but Electron 45.4.1 loads ABI 150 (was it built against another Node's headers?); building it again`,
    );
  });

  it('says plainly which tools are missing, per OS, before trying to compile', () => {
    const root = tempDir();
    fakeProject(root);
    const calls: Call[] = [];
    const path = fakeToolchain(join(root, 'partial-bin'), ['python3']);
    const linux = request(root, { run: fakeCompiler(calls, undefined), env: { PATH: path } });
    expect(() => ensureNativeModule(linux)).toThrow(
      `No prebuilt ${LABEL} could be downloaded. Building better-sqlite3 for Electron needs a C++ toolchain. Missing: make, g++. ` +
        'Install them with your package manager, e.g. `sudo apt install python3 make g++` (Debian/Ubuntu) or `sudo dnf install python3 make gcc-c++` (Fedora).',
    );
    expect(calls.map((call) => call.tool)).toEqual(['prebuild-install']);

    const mac = request(root, { run: fakeCompiler([], undefined), env: { PATH: path } });
    mac.key = { ...mac.key, platform: 'darwin' };
    expect(() => ensureNativeModule(mac)).toThrow(/Missing: make, clang\+\+\. Install the Xcode Command Line Tools: `xcode-select --install`\.$/);

    const windows = request(root, { run: fakeCompiler([], undefined), env: { Path: fakeToolchain(join(root, 'win-bin'), ['python.exe']) } });
    windows.key = { ...windows.key, platform: 'win32' };
    expect(() => ensureNativeModule(windows)).toThrow(
      'It needs Python 3 and Visual Studio Build Tools (C++). Install Python 3 (python.org or the Microsoft Store) and Visual Studio Build Tools with the "Desktop development with C++" workload',
    );
  });
});
