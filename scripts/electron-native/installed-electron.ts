import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { binaryArch, type BinaryArch } from '../../src/main/electron/native-module-facts';

export interface InstalledElectron {
  version: string;
  /** NODE_MODULE_VERSION of this Electron, as its package ships it (node_modules/electron/abi_version). */
  abi: number;
  /** The downloaded executable, once the binary is there (node_modules/electron/path.txt). */
  executable: string | undefined;
}

export function readInstalledElectron(root: string): InstalledElectron {
  const dir = join(root, 'node_modules', 'electron');
  const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const abi = Number(readFileSync(join(dir, 'abi_version'), 'utf8').trim());
  const pathFile = join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
  return { version, abi, executable: executable && existsSync(executable) ? executable : undefined };
}

/**
 * The CPU of the Electron that was installed, read from its executable: electron's install.js may
 * have fetched arm64 while this Node runs as x64 under Rosetta, and the native module must match
 * the Electron that loads it, not the Node that builds it.
 */
export function electronArch(executable: string): BinaryArch {
  const header = Buffer.alloc(4096);
  const fd = openSync(executable, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  const arch = binaryArch(header);
  if (!arch) throw new Error(`Cannot tell which CPU ${executable} is built for.`);
  return arch;
}
