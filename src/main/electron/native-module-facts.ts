/**
 * Facts read from a compiled binary's bytes, without loading it: which Node ABI a native module was
 * built for, and which CPU a binary (a module, or the Electron executable) targets.
 */

/**
 * A V8-API module (better-sqlite3 is one) exports `node_register_module_v<ABI>`: Node's
 * NODE_MODULE_INITIALIZER macro (src/node.h) names it after NODE_MODULE_VERSION, so the built file
 * names the ABI it can load under (Node 20: 115; Electron 45: 150, node_modules/electron/abi_version).
 */
export function moduleAbi(binary: Buffer): number | undefined {
  const match = /node_register_module_v(\d+)/.exec(binary.toString('latin1'));
  return match ? Number(match[1]) : undefined;
}

export type BinaryArch = 'x64' | 'arm64' | 'ia32' | 'arm';

const ELF_MACHINES: Record<number, BinaryArch> = { 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'arm' };
const MACHO_CPUS: Record<number, BinaryArch> = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
const PE_MACHINES: Record<number, BinaryArch> = { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32' };

/** The CPU an ELF (Linux), Mach-O (macOS) or PE (Windows) binary is built for. */
export function binaryArch(binary: Buffer): BinaryArch | undefined {
  if (binary.length < 64) return undefined;
  if (binary.readUInt32BE(0) === 0x7f454c46) return ELF_MACHINES[binary.readUInt16LE(18)];
  if (binary.readUInt32LE(0) === 0xfeedfacf) return MACHO_CPUS[binary.readUInt32LE(4)];
  if (binary.readUInt16LE(0) === 0x5a4d) {
    const pe = binary.readUInt32LE(0x3c);
    if (pe + 6 <= binary.length && binary.readUInt32BE(pe) === 0x50450000) return PE_MACHINES[binary.readUInt16LE(pe + 4)];
  }
  return undefined;
}
