import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentStaging } from '../../src/main/core/attachments/attachment-staging';
import { AttachmentStore, type NewAttachment } from '../../src/main/core/attachments/attachment-store';
import { ConversationStore } from '../../src/main/core/conversations/conversation-store';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { seededRandom } from '../helpers/seeded-random';
import { frozenClock, sequentialIds } from '../helpers/test-core';
import { useTempDir } from '../helpers/temp-dir';
import { gifBytes, pdfBytes, pngBytes, utf8 } from './attachment-fixtures';

/**
 * Issue 16: "the data folder holds no orphans after a random sequence of sends, edits and deletes".
 * After every step of a seeded random session, the files on disk are exactly the files the rows
 * point at (each holding the bytes sent), and the staged files exactly what is staged.
 */
const SEQUENCES = 50;
/** Sequences run in blocks, one test each, so a slow shared machine stays inside a test's time limit. */
const BLOCK = 10;
const STEPS = 30;
/** Each file is flushed to disk twice (staged, then sent): seconds on a disk other jobs share. */
const BLOCK_TIME_LIMIT_MS = 90_000;
const PID = 5150;

const tempDir = useTempDir('tallychat-orphans-');
const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});

/** A database migrated once and copied into each sequence's data folder: migrating 50 times is most of the run. */
let template: string;
beforeAll(() => {
  template = join(mkdtempSync(join(tmpdir(), 'tallychat-orphans-template-')), 'tallychat.sqlite');
  openStore({ file: template }).close();
});
afterAll(() => rmSync(dirname(template), { recursive: true, force: true }));

function dataFolder(): string {
  const dataDir = tempDir();
  copyFileSync(template, join(dataDir, 'tallychat.sqlite'));
  return dataDir;
}

class Session {
  private store!: Store;
  conversations!: ConversationStore;
  attachments!: AttachmentStore;
  staging!: AttachmentStaging;
  /** What a correct app holds: staged file bytes by id, and each row's bytes by attachment id. */
  readonly staged = new Map<string, Uint8Array>();
  readonly sent = new Map<string, Uint8Array>();
  readonly clock = frozenClock(Date.UTC(2026, 11, 2, 9, 0, 0));

  constructor(
    readonly dataDir: string,
    readonly newId: () => string,
  ) {
    this.start();
  }

  /** A host starting on the data folder: what it does at start-up, before any window opens. */
  start(): void {
    this.store = openStore({ file: join(this.dataDir, 'tallychat.sqlite') });
    open.push(this.store);
    this.conversations = new ConversationStore(this.store.sqlite);
    this.attachments = new AttachmentStore(this.store.sqlite, this.dataDir);
    this.staging = new AttachmentStaging(this.dataDir, this.newId, { pid: PID, isAlive: () => false });
    // Long enough after the crash that no other host can still be committing those files.
    this.attachments.sweepOrphans({ graceMs: 0 });
    this.staging.clear();
    this.staged.clear();
  }

  restart(): void {
    this.store.close();
    open.splice(open.indexOf(this.store), 1);
    this.start();
  }

  get sqlite() {
    return this.store.sqlite;
  }

  conversationIds(): string[] {
    return this.sqlite.prepare<[], { id: string }>('SELECT id FROM conversations ORDER BY rowid').all().map((row) => row.id);
  }

  messageIds(conversationId: string): string[] {
    return this.conversations.messages(conversationId).map((message) => message.id);
  }

  /** Rows' files as `<conversation>/<file>` with the attachment id behind each. */
  rowFiles(): Map<string, string> {
    const rows = this.sqlite
      .prepare<[], { id: string; conversationId: string; fileName: string }>('SELECT id, conversation_id AS conversationId, file_name AS fileName FROM attachments')
      .all();
    return new Map(rows.map((row) => [`${row.conversationId}/${row.fileName}`, row.id]));
  }
}

function randomFile(random: () => number, n: number): { name: string; bytes: Uint8Array } {
  switch (Math.floor(random() * 4)) {
    case 0:
      return { name: `shot-${n}.png`, bytes: pngBytes(1 + Math.floor(random() * 20), 1 + Math.floor(random() * 20)) };
    case 1:
      return { name: `anim-${n}.gif`, bytes: gifBytes(1 + Math.floor(random() * 9), 1 + Math.floor(random() * 9)) };
    case 2:
      return { name: `paper-${n}.pdf`, bytes: pdfBytes(1 + Math.floor(random() * 5)) };
    default:
      return { name: `notes-${n}.md`, bytes: utf8(`note ${n} ${'x'.repeat(Math.floor(random() * 200))}`) };
  }
}

const pick = <T>(random: () => number, items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];

/** Stages 0–3 files and sends them with a message; a refused send (rolled back) keeps them staged, as the composer does. */
function send(session: Session, random: () => number, step: number): void {
  const count = Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const file = randomFile(random, step * 10 + i);
    session.staged.set(session.staging.stage(file.name, file.bytes).id, file.bytes);
  }
  const ids = [...session.staged.keys()].slice(0, count);
  const existing = pick(random, session.conversationIds());
  const conversationId = existing !== undefined && random() < 0.7 ? existing : session.newId();
  const files: NewAttachment[] = ids.map((stagedId) => {
    const staged = session.staging.get(stagedId);
    return {
      id: session.newId(),
      kind: staged.view.kind,
      name: staged.view.name,
      mime: staged.view.mime,
      data: staged.bytes(),
      size: staged.view.size,
      original: null,
    };
  });
  const written = session.attachments.writeFiles(conversationId, files);
  const refused = random() < 0.25;
  try {
    session.sqlite.transaction(() => {
      if (!session.conversations.exists(conversationId)) session.conversations.create({ id: conversationId, title: `step ${step}` }, session.clock());
      const messageId = session.newId();
      session.conversations.addUserMessage({ id: messageId, conversationId, content: `step ${step}` }, session.clock());
      session.attachments.insertRows(messageId, written, session.clock());
      if (refused) throw new Error('over the cap');
    })();
  } catch (error) {
    if (!refused) throw error;
    session.attachments.discardWritten(written);
    return;
  }
  files.forEach((file) => session.sent.set(file.id, new Uint8Array(file.data)));
  for (const stagedId of ids) {
    session.staging.discard(stagedId);
    session.staged.delete(stagedId);
  }
}

/** The process dies after its files are written and before the transaction commits; the next start-up cleans up. */
function crashMidSend(session: Session, random: () => number, step: number): void {
  const conversationId = pick(random, session.conversationIds()) ?? session.newId();
  const file = randomFile(random, step);
  session.attachments.writeFiles(conversationId, [{ id: session.newId(), kind: 'text', name: file.name, mime: 'text/plain', data: file.bytes, size: null, original: null }]);
  session.restart();
}

/** Edit-and-resend of an earlier message: it and everything after it go. Sometimes the process dies before the folder is synced. */
function edit(session: Session, random: () => number): void {
  const conversationId = pick(random, session.conversationIds());
  const messageId = conversationId === undefined ? undefined : pick(random, session.messageIds(conversationId));
  if (conversationId === undefined || messageId === undefined) return;
  session.conversations.deleteMessagesFrom(conversationId, messageId);
  if (random() < 0.2) session.restart();
  else session.attachments.syncFolder(conversationId);
}

function deleteConversation(session: Session, random: () => number): void {
  const conversationId = pick(random, session.conversationIds());
  if (conversationId === undefined) return;
  session.conversations.delete(conversationId);
  session.attachments.syncFolder(conversationId);
}

function discardStaged(session: Session, random: () => number): void {
  const stagedId = pick(random, [...session.staged.keys()]);
  if (stagedId === undefined) return;
  expect(session.staging.discard(stagedId)).toBe(true);
  session.staged.delete(stagedId);
}

function filesOnDisk(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1).split('\\').join('/'))
    .sort();
}

function foldersOnDisk(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'staged')
    .map((entry) => entry.name)
    .sort();
}

function checkInvariant(session: Session, where: string): void {
  const root = join(session.dataDir, 'attachments');
  const rows = session.rowFiles();
  const onDisk = filesOnDisk(root);
  expect(onDisk.filter((file) => !file.startsWith('staged/')), where).toEqual([...rows.keys()].sort());
  expect(foldersOnDisk(root), `${where}: a folder per conversation with files`).toEqual([...new Set([...rows.keys()].map((file) => file.split('/')[0]!))].sort());
  for (const [file, attachmentId] of rows) {
    expect(new Uint8Array(readFileSync(join(root, file))), `${where}: ${file}`).toEqual(session.sent.get(attachmentId));
  }
  expect(onDisk.filter((file) => file.startsWith('staged/')), `${where}: staged`).toEqual([...session.staged.keys()].map((id) => `staged/${PID}/${id}`).sort());
  for (const [stagedId, bytes] of session.staged) expect(new Uint8Array(session.staging.get(stagedId).bytes())).toEqual(bytes);
}

const blocks = Array.from({ length: SEQUENCES / BLOCK }, (_, i) => ({ first: i * BLOCK + 1, last: (i + 1) * BLOCK }));

describe(`attachment files after random sends, edits, deletes and restarts (property, ${SEQUENCES} seeded sequences of ${STEPS} steps)`, () => {
  it.each(blocks)("seeds $first to $last: the data folder holds exactly the rows' files and the staged files, after every step", ({ first, last }) => {
    const tally = { sends: 0, crashes: 0, edits: 0, deletes: 0, restarts: 0, discards: 0, files: 0 };
    for (let seed = first; seed <= last; seed++) {
      const random = seededRandom(seed);
      const session = new Session(dataFolder(), sequentialIds(seed));
      for (let step = 0; step < STEPS; step++) {
        const roll = random();
        if (roll < 0.45) {
          send(session, random, step);
          tally.sends += 1;
        } else if (roll < 0.6) {
          edit(session, random);
          tally.edits += 1;
        } else if (roll < 0.7) {
          deleteConversation(session, random);
          tally.deletes += 1;
        } else if (roll < 0.8) {
          crashMidSend(session, random, step);
          tally.crashes += 1;
        } else if (roll < 0.9) {
          session.restart();
          tally.restarts += 1;
        } else {
          discardStaged(session, random);
          tally.discards += 1;
        }
        checkInvariant(session, `seed ${seed}, step ${step}`);
      }
      tally.files += session.rowFiles().size;
    }
    // The block did exercise every kind of step and left files behind to check.
    for (const count of Object.values(tally)) expect(count).toBeGreaterThan(5);
  }, BLOCK_TIME_LIMIT_MS);
});
