import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentStaging } from '../../src/main/core/attachments/attachment-staging';
import { UnattachableFileError } from '../../src/main/core/attachments/unattachable-file-error';
import { AppError } from '../../src/shared/contract/ipc-result';
import { sequentialIds } from '../helpers/test-core';
import { useTempDir } from '../helpers/temp-dir';
import { pdfBytes, pngBytes, utf8 } from './attachment-fixtures';

const tempDir = useTempDir();
const PID = 4242;
const stagedDir = (dataDir: string, pid = PID) => join(dataDir, 'attachments', 'staged', String(pid));

function staging(dataDir: string, options: { pid?: number; alive?: number[] } = {}): AttachmentStaging {
  const alive = new Set(options.alive ?? []);
  return new AttachmentStaging(dataDir, sequentialIds(options.pid ?? PID), { pid: options.pid ?? PID, isAlive: (pid) => alive.has(pid) });
}

function notFoundMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return error.message;
    throw error;
  }
  throw new Error('expected not_found');
}

describe('AttachmentStaging', () => {
  it('stages a file as a copy in the data folder and hands back its view, bytes and what it is', () => {
    const dataDir = tempDir();
    const stage = staging(dataDir);
    const png = pngBytes(40, 30);
    const view = stage.stage('shot.png', png);
    expect(view).toEqual({
      id: '00004242-0000-4000-8000-000000000001',
      name: 'shot.png',
      kind: 'image',
      mime: 'image/png',
      bytes: png.byteLength,
      size: { width: 40, height: 30 },
      pages: null,
    });
    expect(readdirSync(stagedDir(dataDir))).toEqual([view.id]);
    expect(new Uint8Array(readFileSync(join(stagedDir(dataDir), view.id)))).toEqual(png);

    const staged = stage.get(view.id);
    expect(staged.view).toEqual(view);
    expect(staged.sniffed).toEqual({ kind: 'image', mime: 'image/png', size: { width: 40, height: 30 } });
    expect(new Uint8Array(staged.bytes())).toEqual(png);
  });

  it('gives PDFs their pages and text files their text', () => {
    const stage = staging(tempDir());
    const pdf = stage.stage('paper.pdf', pdfBytes(4));
    expect(pdf).toMatchObject({ kind: 'pdf', mime: 'application/pdf', size: null, pages: 4 });
    const text = stage.stage('notes.md', utf8('\uFEFF# Plan\n'));
    expect(text).toEqual({ id: '00004242-0000-4000-8000-000000000002', name: 'notes.md', kind: 'text', mime: 'text/plain', bytes: 10, size: null, pages: null });
    expect(stage.get(text.id).sniffed).toEqual({ kind: 'text', text: '# Plan\n' });
  });

  it('writes nothing for a file it refuses', () => {
    const dataDir = tempDir();
    expect(() => staging(dataDir).stage('report.docx', Uint8Array.from([0x50, 0x4b, 3, 4]))).toThrow(UnattachableFileError);
    expect(existsSync(join(dataDir, 'attachments'))).toBe(false);
  });

  it('discards a staged file once: its copy goes and the id is no longer staged', () => {
    const dataDir = tempDir();
    const stage = staging(dataDir);
    const kept = stage.stage('a.txt', utf8('a'));
    const dropped = stage.stage('b.txt', utf8('b'));
    expect(stage.discard(dropped.id)).toBe(true);
    expect(stage.discard(dropped.id)).toBe(false);
    expect(stage.discard('never-staged')).toBe(false);
    expect(readdirSync(stagedDir(dataDir))).toEqual([kept.id]);
    expect(notFoundMessage(() => stage.get(dropped.id))).toBe('That attachment is no longer staged; attach the file again.');
  });

  it('says the file is no longer staged when its copy vanished from the data folder', () => {
    const dataDir = tempDir();
    const stage = staging(dataDir);
    const view = stage.stage('a.txt', utf8('a'));
    rmSync(join(stagedDir(dataDir), view.id));
    expect(notFoundMessage(() => stage.get(view.id).bytes())).toBe('That attachment is no longer staged; attach the file again.');
  });

  it('lives one session: after a restart, clear() removes what was staged and nothing is staged', () => {
    const dataDir = tempDir();
    const before = staging(dataDir).stage('a.txt', utf8('a'));
    const after = staging(dataDir);
    after.clear();
    expect(readdirSync(join(dataDir, 'attachments', 'staged'))).toEqual([]);
    expect(notFoundMessage(() => after.get(before.id))).toBe('That attachment is no longer staged; attach the file again.');
    expect(() => after.clear()).not.toThrow();
    expect(() => staging(tempDir()).clear()).not.toThrow();
  });

  it("leaves the staged files of another host that is still running, and removes a dead host's", () => {
    const dataDir = tempDir();
    staging(dataDir, { pid: 100 }).stage('app.txt', utf8('app'));
    staging(dataDir, { pid: 200 }).stage('crashed.txt', utf8('crashed'));
    const cli = staging(dataDir, { pid: 300, alive: [100] });
    cli.stage('mine.txt', utf8('cli'));
    cli.clear();
    expect(readdirSync(join(dataDir, 'attachments', 'staged'))).toEqual(['100']);
    expect(readdirSync(stagedDir(dataDir, 100))).toEqual(['00000100-0000-4000-8000-000000000001']);
  });
});
