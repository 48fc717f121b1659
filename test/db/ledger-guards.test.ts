import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/main/core/app/create-core';
import { CorruptLedgerError } from '../../src/main/core/db/integrity-check';
import { seededRandom } from '../helpers/seeded-random';
import { useTempDir } from '../helpers/temp-dir';

const exec = promisify(execFile);
const tempDir = useTempDir();
const PAGE = 4096;

/** Runs the real CLI; never throws, so exit codes and both streams can be asserted. */
async function cli(args: string[], options: { uid?: number; tmp?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['bin/tallychat.mjs', ...args], {
      timeout: 15_000,
      env: { ...process.env, OPENAI_API_KEY: 'sk-guards', ...(options.tmp ? { TMPDIR: options.tmp } : {}) },
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * Lets other users pass through every folder above `path` (o+x, not o+r: they can reach what is
 * inside, not list it); returns what puts the modes back.
 */
function letOthersReach(path: string): () => void {
  const changed: { folder: string; mode: number }[] = [];
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    const mode = statSync(folder).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(folder, mode | 0o001);
      changed.push({ folder, mode });
    }
    if (dirname(folder) === folder) break;
  }
  return () => {
    for (const { folder, mode } of changed) chmodSync(folder, mode);
  };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A ledger spread over many pages: conversations with messages, cleanly closed (WAL folded in). */
async function filledLedger(): Promise<{ dir: string; file: string }> {
  const dir = tempDir();
  const core = createCore({ dataDir: dir, appVersion: 'test', host: 'cli' });
  const insert = core.store.sqlite.prepare(
    "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, 0, 0)",
  );
  const message = core.store.sqlite.prepare(
    "INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, ?, 'user', ?, 'complete', 0)",
  );
  core.store.sqlite.transaction(() => {
    for (let i = 0; i < 400; i += 1) {
      insert.run(`c${i}`, `Conversation ${i}`);
      message.run(`m${i}`, `c${i}`, `message ${i} `.repeat(60));
    }
  })();
  await core.close();
  return { dir, file: join(dir, 'tallychat.sqlite') };
}

describe('a corrupt ledger is noticed and never written into (item 7)', () => {
  it('pages overwritten in the middle: doctor lists the problems and exits 1; chat refuses and leaves the file as it was', async () => {
    const { dir, file } = await filledLedger();
    const pages = statSync(file).size / PAGE;
    const random = seededRandom(7);
    const fd = openSync(file, 'r+');
    for (let n = 0; n < 4; n += 1) {
      const page = Math.floor(pages / 3 + random() * (pages / 3));
      writeSync(fd, Buffer.from(Array.from({ length: PAGE }, () => Math.floor(random() * 256))), 0, PAGE, page * PAGE);
    }
    closeSync(fd);
    const before = sha(file);
    // What SQLite itself says about the file: a check's rows, or the error a page too damaged to walk raises.
    const probe = new Database(file, { readonly: true });
    const findings = (pragma: string) => {
      try {
        return (probe.pragma(pragma) as Record<string, unknown>[]).map((row) => String(Object.values(row)[0]));
      } catch (error) {
        return [(error as Error).message];
      }
    };
    const first = findings('quick_check(1)')[0]!;
    const all = findings('integrity_check(100)');
    probe.close();
    expect(first).not.toBe('ok');
    const refusal = new CorruptLedgerError(file, `SQLite integrity check: ${first}`).message;
    expect(refusal).toBe(
      `The ledger ${file} is damaged (SQLite integrity check: ${first}). Tallychat will not write into it. ` +
        `Restore a backup: Settings → General → Back up database keeps them in ${join(dir, 'backups')}; ` +
        'copy the newest over this file while Tallychat is closed. `tallychat doctor` lists every problem.',
    );

    const chat = await cli(['chat', '--data-dir', dir, '--provider', 'openai', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'gpt-4o', 'hi']);
    expect(chat).toMatchObject({ code: 1, stdout: '' });
    expect(chat.stderr).toBe(`tallychat chat: ${refusal}\n`);

    const doctor = await cli(['doctor', '--data-dir', dir]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(`integrity:      ${all.length} problem${all.length === 1 ? '' : 's'}\n${all.map((p) => `  ${p}`).join('\n')}\n`);
    expect(doctor.stderr).toBe(`tallychat doctor: ${refusal}\n`);
    expect(sha(file)).toBe(before);
  }, 60_000);

  it('doctor reports a sound ledger as ok', async () => {
    const { dir } = await filledLedger();
    const doctor = await cli(['doctor', '--data-dir', dir]);
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toContain('integrity:      ok\n');
  });
});

describe('a foreign database is refused untouched (item 8)', () => {
  it('another app\'s SQLite file named tallychat.sqlite: not switched to WAL, no migrations table, a message', async () => {
    const dir = tempDir();
    const file = join(dir, 'tallychat.sqlite');
    const other = new Database(file);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')");
    other.close();
    const before = sha(file);
    const doctor = await cli(['doctor', '--data-dir', dir]);
    expect(doctor.code).toBe(1);
    expect(doctor.stderr).toBe(
      `tallychat doctor: ${file} is not a Tallychat ledger (it holds the tables notes, and no __drizzle_migrations, requests, settings). ` +
        'Tallychat left it untouched. Move it away or rename it, or choose another data folder.\n',
    );
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('a file that is not SQLite at all', async () => {
    const dir = tempDir();
    const file = join(dir, 'tallychat.sqlite');
    writeFileSync(file, 'request_id,cost\n1,2\n'.repeat(300));
    const before = sha(file);
    const report = await cli(['report', '--data-dir', dir]);
    expect(report.code).toBe(1);
    expect(report.stderr).toBe(
      `tallychat report: ${file} is not a Tallychat ledger (it is not an SQLite database, or its first page is damaged). ` +
        'Tallychat left it untouched. Move it away or rename it, or choose another data folder.\n',
    );
    expect(sha(file)).toBe(before);
  });
});

describe('unusable data folders fail fast and say why (item 9)', () => {
  it('an empty --data-dir is a usage error, not the default ledger', async () => {
    for (const command of ['doctor', 'report', 'chat', 'ui']) {
      const run = await cli([command, '--data-dir', '', ...(command === 'chat' ? ['--provider', 'openai', '--model', 'gpt-4o', 'hi'] : [])]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^tallychat ${command}: --data-dir needs a folder; it was given an empty value\\nUsage: tallychat ${command} `));
    }
  });

  it('--data-dir under /proc fails at once', async () => {
    const started = Date.now();
    const run = await cli(['doctor', '--data-dir', '/proc/self/x']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('tallychat doctor: Cannot create the data folder /proc/self/x: /proc/self/x could not be made (ENOENT).\n');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a --data-dir that is a file', async () => {
    const file = join(tempDir(), 'plain.txt');
    writeFileSync(file, 'x');
    const run = await cli(['doctor', '--data-dir', join(file, 'inner')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`tallychat doctor: Cannot use the data folder ${join(file, 'inner')}: ${file} is a file, not a folder.\n`);
  });

  it('a read-only ledger: chat names the file and the cause; report and doctor still read it', async () => {
    const { dir, file } = await filledLedger();
    // Root ignores file modes: run the CLI as nobody then, which owns nothing here.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    // That user needs a temp folder it may write, and a way to the project: a clone made in
    // `mktemp -d` sits in a folder only its owner may enter.
    const tmp = tempDir();
    chmodSync(tmp, 0o777);
    const restoreReach = uid === undefined ? () => {} : letOthersReach(process.cwd());
    chmodSync(join(dir, '..'), 0o755);
    chmodSync(dir, 0o555);
    chmodSync(file, 0o444);
    try {
      const chat = await cli(['chat', '--data-dir', dir, '--provider', 'openai', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'gpt-4o', 'hi'], { uid, tmp });
      expect(chat.code).toBe(1);
      expect(chat.stderr).toMatch(
        new RegExp(
          `^tallychat chat: Cannot write the ledger ${file}: the folder ${dir} is read-only \\(SQLite: [^)]+\\)\\. ` +
            'Make it writable or choose another data folder; `tallychat report` and `tallychat doctor` can still read it\\.\\n$',
        ),
      );
      const report = await cli(['report', '--data-dir', dir, '--period', 'all', '--group-by', 'model', '--format', 'json'], { uid, tmp });
      expect(report).toMatchObject({ code: 0, stdout: '[]\n' });
      const doctor = await cli(['doctor', '--data-dir', dir], { uid, tmp });
      expect(doctor.code).toBe(0);
      expect(doctor.stdout).toContain(`access:         read-only (Cannot write the ledger ${file}: the folder ${dir} is read-only`);
      expect(doctor.stdout).toContain('  conversations   400\n');
      expect(doctor.stdout).toContain('integrity:      ok\n');
    } finally {
      chmodSync(dir, 0o755);
      chmodSync(file, 0o644);
      restoreReach();
    }
  }, 60_000);

  // A full disk needs a small file system of its own: a tmpfs, which only root may mount.
  it.skipIf(process.getuid?.() !== 0)('a full disk: chat names the file and says the disk is full', async () => {
    const mountPoint = tempDir();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=400k', 'tmpfs', mountPoint]);
    try {
      const dir = join(mountPoint, 'ledger');
      expect((await cli(['doctor', '--data-dir', dir])).code).toBe(0);
      writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(0));
      try {
        for (;;) appendFileSync(join(mountPoint, 'filler'), Buffer.alloc(4096));
      } catch {
        // ENOSPC: the disk is full now.
      }
      const chat = await cli(['chat', '--data-dir', dir, '--provider', 'openai', '--base-url', 'http://127.0.0.1:9/v1', '--model', 'gpt-4o', 'hi']);
      expect(chat.code).toBe(1);
      // Which of its two words SQLite uses depends on the write that meets the full disk first.
      const said = /\(SQLite: (database or disk is full|disk I\/O error)\)/.exec(chat.stderr)?.[1];
      expect(chat.stderr).toBe(
        `tallychat chat: Cannot write the ledger ${join(dir, 'tallychat.sqlite')}: the disk is full (SQLite: ${said}). ` +
          'Free some space, then try again.\n',
      );
    } finally {
      execFileSync('umount', [mountPoint]);
    }
  }, 60_000);
});
