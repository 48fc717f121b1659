import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ELF_MACHINE = { x64: 0x3e, arm64: 0xb7 } as const;

/** The first bytes of a Linux binary for `arch`, then, for a module, the symbol that names its ABI. */
export function fakeElf(arch: keyof typeof ELF_MACHINE, abi?: number): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header.writeUInt16LE(ELF_MACHINE[arch], 18);
  return Buffer.concat([header, Buffer.from(abi === undefined ? '' : `\0node_register_module_v${abi}\0`, 'latin1')]);
}

export function fakeMachO(cpu: number): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32LE(0xfeedfacf, 0);
  header.writeUInt32LE(cpu, 4);
  return header;
}

export function fakePe(machine: number): Buffer {
  const header = Buffer.alloc(256);
  header.writeUInt16LE(0x5a4d, 0);
  header.writeUInt32LE(0x80, 0x3c);
  header.writeUInt32BE(0x50450000, 0x80);
  header.writeUInt16LE(machine, 0x84);
  return header;
}

/** A project folder with the installed packages the build reads: electron and better-sqlite3. */
export function fakeProject(root: string, options: { betterSqlite3Version?: string; electronArch?: 'x64' | 'arm64' } = {}): void {
  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  mkdirSync(join(sqlite, 'src'), { recursive: true });
  writeFileSync(join(sqlite, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: options.betterSqlite3Version ?? '12.9.0' }));
  writeFileSync(join(sqlite, 'src', 'better_sqlite3.cpp'), '// source');
  const electron = join(root, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  writeFileSync(join(electron, 'abi_version'), '150');
  writeFileSync(join(electron, 'path.txt'), 'electron');
  writeFileSync(join(electron, 'dist', 'electron'), fakeElf(options.electronArch ?? 'x64'));
}

/** A PATH folder holding (empty) files named like the given tools. */
export function fakeToolchain(dir: string, tools: string[]): string {
  mkdirSync(dir, { recursive: true });
  for (const tool of tools) writeFileSync(join(dir, tool), '');
  return dir;
}
