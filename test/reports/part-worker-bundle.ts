import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** The report-part worker, and the test workers in ./part-workers that wrap it. */
const ENTRY_POINTS = {
  'report-part-worker': 'src/main/core/reports/report-part-worker.ts',
  'writes-once': 'test/reports/part-workers/writes-once.ts',
  'writes-every-time': 'test/reports/part-workers/writes-every-time.ts',
};

/**
 * The report-part worker built as the CLI builds it (scripts/build-cli.mjs's options, in a plain
 * Node process), for the file's tests: a worker thread runs a built script, not TypeScript.
 * Returns the URL of an entry's script.
 */
export function usePartWorkerBundle(): (entry: keyof typeof ENTRY_POINTS) => URL {
  let bundle = '';
  beforeAll(() => {
    mkdirSync(join(root, 'out'), { recursive: true });
    // Inside the project, so the bundle finds better-sqlite3 in its node_modules as the CLI's does.
    bundle = mkdtempSync(join(root, 'out', 'part-worker-check-'));
    const built = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { build } from 'esbuild';
         import { BUNDLE_OPTIONS } from ${JSON.stringify(pathToFileURL(join(root, 'scripts', 'build-cli.mjs')).href)};
         await build({ ...BUNDLE_OPTIONS, entryPoints: ${JSON.stringify(ENTRY_POINTS)}, outdir: ${JSON.stringify(bundle)} });`,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`esbuild exited with ${built.status}:\n${built.stderr}`);
  }, 60_000);
  afterAll(() => rmSync(bundle, { recursive: true, force: true }));
  return (entry) => new URL(`${entry}.mjs`, pathToFileURL(`${bundle}/`));
}
