import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runCli } from '../../src/main/cli/main';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const USAGE_TAIL = '\nUsage: tallychat report ';

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function ledgerDir(): Promise<string> {
  const dir = tempDir();
  expect(await runCli(['doctor', '--data-dir', dir], captureIo().io)).toBe(0);
  return dir;
}

async function report(dir: string, output: string, ...extra: string[]) {
  const cap = captureIo();
  const code = await runCli(['report', '--data-dir', dir, '--output', output, ...extra], cap.io);
  return { code, stderr: cap.err() };
}

describe('tallychat report --output never overwrites the ledger (item 6)', () => {
  it('refuses the database, its -wal/-shm, the key file and backups, by any path to them', async () => {
    const dir = await ledgerDir();
    const file = join(dir, 'tallychat.sqlite');
    mkdirSync(join(dir, 'backups'));
    const before = sha(file);
    const outside = tempDir();
    symlinkSync(file, join(outside, 'innocent.csv'));
    symlinkSync(dir, join(outside, 'data'));
    const targets: [string, string][] = [
      [file, file],
      [`${file}-wal`, `${file}-wal`],
      [`${file}-shm`, `${file}-shm`],
      [join(dir, 'api-keys.json'), join(dir, 'api-keys.json')],
      [join(dir, 'backups', 'q1.csv'), join(dir, 'backups', 'q1.csv')],
      [join(dir, '.', 'sub', '..', 'tallychat.sqlite'), file],
      [join(outside, 'innocent.csv'), file],
      [join(outside, 'data', 'tallychat.sqlite'), file],
    ];
    for (const [target, shown] of targets) {
      const run = await report(dir, target);
      expect(run.code).toBe(2);
      expect(run.stderr.slice(0, run.stderr.indexOf(USAGE_TAIL))).toBe(
        `tallychat report: --output ${target} is ${shown}, one of the files Tallychat keeps its ledger, keys and backups in; write the report somewhere else`,
      );
    }
    expect(sha(file)).toBe(before);
  });

  it('does not replace an existing file that is not a report unless --force', async () => {
    const dir = await ledgerDir();
    const notes = join(tempDir(), 'notes.txt');
    writeFileSync(notes, 'my notes\n');
    const refused = await report(dir, notes);
    expect(refused.code).toBe(2);
    expect(refused.stderr.slice(0, refused.stderr.indexOf(USAGE_TAIL))).toBe(
      `tallychat report: --output ${notes} exists and is not a Tallychat report; add --force to replace it`,
    );
    expect(readFileSync(notes, 'utf8')).toBe('my notes\n');
    expect((await report(dir, notes, '--force')).code).toBe(0);
    expect(readFileSync(notes, 'utf8')).toMatch(/^request_id,started_at,/);
  });

  it('replaces an earlier report in place, through a temporary file that does not stay behind', async () => {
    const dir = await ledgerDir();
    const folder = tempDir();
    const csv = join(folder, 'q1.csv');
    expect((await report(dir, csv, '--bom')).code).toBe(0);
    expect((await report(dir, csv)).code).toBe(0);
    const json = join(folder, 'q1.json');
    expect((await report(dir, json, '--format', 'json')).code).toBe(0);
    expect((await report(dir, json, '--format', 'json')).code).toBe(0);
    expect(readFileSync(json, 'utf8')).toBe('[]\n');
    expect(readdirSync(folder).sort()).toEqual(['q1.csv', 'q1.json']);
  });

  it('an empty --output is a usage error', async () => {
    const run = await report(await ledgerDir(), '');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^tallychat report: --output needs a file name; it was given an empty value\n/);
  });
});
