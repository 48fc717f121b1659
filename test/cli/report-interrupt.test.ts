import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/core/db/open-database';
import { useTempDir } from '../helpers/temp-dir';
import { insertLedgerRows, randomRows } from '../reports/ledger-fixtures';

const tempDir = useTempDir();
const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);

describe('Ctrl-C during `tallychat report --output`', () => {
  it('exits 130, leaves the existing file as it was and removes its temporary files', async () => {
    const dataDir = tempDir();
    const store = openStore({ file: join(dataDir, 'tallychat.sqlite') });
    insertLedgerRows(store.sqlite, randomRows(17, 80_000, NOW - 400 * 86_400_000, NOW));
    store.close();
    const outDir = tempDir();
    const output = join(outDir, 'spend.csv');
    writeFileSync(output, 'request_id\r\nan earlier export\r\n');

    // The built CLI, as `npx tallychat` runs it: its bundle carries the second thread.
    const cli = spawn(process.execPath, ['bin/tallychat.mjs', 'report', '--period', 'all', '--output', output, '--force', '--data-dir', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => cli.on('exit', (code) => resolve(code)));
    // Ctrl-C once the export has made its temporary file, so it is mid-way.
    const temporary = () => readdirSync(outDir).some((name) => name.endsWith('.tmp'));
    while (!temporary() && cli.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
    cli.kill('SIGINT');

    expect(await exited).toBe(130);
    expect(stderr).toBe(`tallychat report: interrupted; ${output} was left as it was\n`);
    expect(readdirSync(outDir)).toEqual(['spend.csv']);
    expect(readFileSync(output, 'utf8')).toBe('request_id\r\nan earlier export\r\n');
  }, 60_000);
});
