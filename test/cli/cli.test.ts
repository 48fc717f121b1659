import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/main';
import type { CliIo } from '../../src/main/cli/cli-io';
import { useTempDir } from '../helpers/temp-dir';

const exec = promisify(execFile);
const tempDir = useTempDir();
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const schemaVersion = (JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: unknown[] }).entries.length;

function captureIo(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('tallychat CLI', () => {
  it('doctor creates and migrates a database in the given folder and prints its facts (real binary)', async () => {
    const dir = tempDir();
    const { stdout } = await exec(process.execPath, ['bin/tallychat.mjs', 'doctor', '--data-dir', dir]);
    expect(stdout).toContain(`Tallychat ${version}`);
    expect(stdout).toContain(`data folder:    ${dir}`);
    expect(stdout).toContain(`database:       ${join(dir, 'tallychat.sqlite')}`);
    expect(stdout).toContain(`schema version: ${schemaVersion}\n`);
    expect(stdout).toMatch(/ {2}requests {8}0\n/);
    expect(existsSync(join(dir, 'tallychat.sqlite'))).toBe(true);
  });

  it('doctor --json reads TALLYCHAT_DATA_DIR when no flag is given', async () => {
    const dir = tempDir();
    const cap = captureIo({ TALLYCHAT_DATA_DIR: dir });
    expect(await runCli(['doctor', '--json'], cap.io)).toBe(0);
    const facts = JSON.parse(cap.out()) as { dataDir: string; schemaVersion: number; journalMode: string };
    expect(facts).toMatchObject({ dataDir: dir, schemaVersion, journalMode: 'wal' });
  });

  it('--version prints the package version, --help lists the commands', async () => {
    const v = captureIo();
    expect(await runCli(['--version'], v.io)).toBe(0);
    expect(v.out()).toBe(`${version}\n`);
    const h = captureIo();
    expect(await runCli(['--help'], h.io)).toBe(0);
    expect(h.out()).toContain('Usage: tallychat <command> [options]');
    expect(h.out()).toMatch(/ {2}doctor {6}Open \(and migrate\) the database/);
    expect(h.out()).toMatch(/ {2}devices {5}Share one cap across your devices through a synced folder/);
    expect(h.out()).toMatch(/ {2}bill-check {2}Check the ledger against the provider's own account/);
  });

  it('an unknown command or flag exits 2 with a message', async () => {
    const a = captureIo();
    expect(await runCli(['frobnicate'], a.io)).toBe(2);
    expect(a.err()).toBe('tallychat: unknown command "frobnicate". Run `tallychat --help` for the list.\n');
    const b = captureIo();
    expect(await runCli(['doctor', '--nope'], b.io)).toBe(2);
    expect(b.err()).toContain("tallychat doctor: Unknown option '--nope'");
  });
});
