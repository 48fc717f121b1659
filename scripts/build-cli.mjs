#!/usr/bin/env node
// Bundles the CLI's TypeScript (src/main/cli/main.ts and the core it uses) into one ES module,
// out/cli/tallychat/main.mjs, so `tallychat` starts without compiling anything. Packages stay
// outside the bundle and load from node_modules. The bundle sits three folders below the project
// root, as its sources do, so paths it computes from import.meta.url (package.json, drizzle/,
// out/renderer/) resolve the same from either. Beside it, inputs.json lists every source file
// with its size and mtime: bin/tallychat.mjs rebuilds when one of them changed.
// Run by `npm install` (the `prepare` script) and, when the sources changed, by bin/tallychat.mjs.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'out', 'cli', 'tallychat');

/**
 * How the CLI's code is bundled, shared with tests that check a module works once bundled this way
 * (test/attachments/image-codecs-bundled.test.ts: the WebP decoder's wasm found from the bundle).
 */
export const BUNDLE_OPTIONS = {
  absWorkingDir: ROOT,
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  target: 'node20',
  packages: 'external',
  metafile: true,
  logLevel: 'error',
};

export async function buildCli() {
  mkdirSync(dirname(OUT_DIR), { recursive: true });
  // Built into a folder of its own and renamed into place, so a CLI starting meanwhile never
  // reads half a build; each command is a chunk of its own, loaded only when it runs (`--version`
  // loads none, `report` not the chat's).
  const partial = `${OUT_DIR}.${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  // The report-part worker is an entry of its own: a worker thread loads it by its file name.
  const entryPoints = { main: 'src/main/cli/main.ts', 'report-part-worker': 'src/main/core/reports/report-part-worker.ts' };
  const result = await build({ ...BUNDLE_OPTIONS, entryPoints, outdir: partial });
  const inputs = Object.keys(result.metafile.inputs).map((file) => {
    const stat = statSync(join(ROOT, file));
    return { file, size: stat.size, mtimeMs: stat.mtimeMs };
  });
  writeFileSync(join(partial, 'inputs.json'), JSON.stringify(inputs));
  const previous = `${OUT_DIR}.old.${process.pid}`;
  // Two CLIs started at once after a source changed both rebuild: whichever installs its build
  // first wins, and the other's (made from the same sources) is dropped instead of failing.
  if (existsSync(OUT_DIR)) ignoring(['ENOENT'], () => renameSync(OUT_DIR, previous));
  ignoring(['ENOTEMPTY', 'EEXIST'], () => renameSync(partial, OUT_DIR));
  rmSync(partial, { recursive: true, force: true });
  rmSync(previous, { recursive: true, force: true });
}

function ignoring(codes, step) {
  try {
    step();
  } catch (error) {
    if (!codes.includes(error?.code)) throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
