import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBindingPath, findElectronNativeBinding } from '../../src/main/electron/native-binding';
import { binaryArch, moduleAbi } from '../../src/main/electron/native-module-facts';
import { useTempDir } from '../helpers/temp-dir';
import { fakeElf, fakeMachO, fakePe, fakeProject } from './fake-binaries';

const tempDir = useTempDir('tallychat-native-');

describe('facts read from a binary without loading it', () => {
  it('reads the ABI of the real better-sqlite3 this Node loads', () => {
    const binding = join(createRequire(import.meta.url).resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node');
    expect(moduleAbi(readFileSync(binding))).toBe(Number(process.versions.modules));
    expect(binaryArch(readFileSync(binding))).toBe(process.arch);
  });

  it('tells the CPU of Linux, macOS and Windows binaries', () => {
    expect(binaryArch(fakeElf('arm64'))).toBe('arm64');
    expect(binaryArch(fakeMachO(0x0100000c))).toBe('arm64');
    expect(binaryArch(fakeMachO(0x01000007))).toBe('x64');
    expect(binaryArch(fakePe(0x8664))).toBe('x64');
    expect(binaryArch(fakePe(0xaa64))).toBe('arm64');
    expect(binaryArch(Buffer.from('#!/bin/sh\n'.padEnd(80)))).toBeUndefined();
  });

  it('the app uses a cached build only when its ABI is the running one, and says why not otherwise', () => {
    const root = tempDir();
    fakeProject(root);
    const path = electronNativeBindingPath(root, { platform: 'linux', arch: 'x64', electronVersion: '45.4.1', betterSqlite3Version: '12.9.0' });
    const runtime = { platform: 'linux', arch: 'x64', electronVersion: '45.4.1', abi: 150 };
    const warnings: string[] = [];
    const warn = (w: string) => warnings.push(w);
    expect(findElectronNativeBinding(root, runtime, warn)).toBeUndefined();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, fakeElf('x64', 150));
    expect(findElectronNativeBinding(root, runtime, warn)).toBe(path);
    expect(findElectronNativeBinding(root, { ...runtime, abi: 115 }, warn)).toBeUndefined();
    expect(warnings).toEqual([`${path} is built for ABI 150, this runtime needs 115: not using it (npm start rebuilds it)`]);
    // Outside Electron, or where better-sqlite3 cannot be found from the app's folder: no cached build.
    expect(findElectronNativeBinding(root, { ...runtime, electronVersion: undefined }, warn)).toBeUndefined();
    expect(findElectronNativeBinding(tempDir(), runtime, warn)).toBeUndefined();
  });
});
