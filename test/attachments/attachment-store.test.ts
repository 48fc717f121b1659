import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentStore, ORPHAN_GRACE_MS, type NewAttachment } from '../../src/main/core/attachments/attachment-store';
import { ConversationStore } from '../../src/main/core/conversations/conversation-store';
import { openStore } from '../../src/main/core/db/open-database';
import { AppError } from '../../src/shared/contract/ipc-result';
import { useTempDir } from '../helpers/temp-dir';
import { pngBytes, utf8 } from './attachment-fixtures';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const closedAfterEach = useStoresClosedAfterEach();

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);

function open(dataDir = tempDir()) {
  const store = openStore({ file: join(dataDir, 'tallychat.sqlite') });
  closedAfterEach(store);
  const conversations = new ConversationStore(store.sqlite);
  return { dataDir, sqlite: store.sqlite, conversations, attachments: new AttachmentStore(store.sqlite, dataDir) };
}

type Opened = ReturnType<typeof open>;

const shot = pngBytes(20, 10);
const image = (id: string): NewAttachment => ({
  id,
  kind: 'image',
  name: 'screenshot.png',
  mime: 'image/png',
  data: shot,
  size: { width: 20, height: 10 },
  original: { size: { width: 4000, height: 2000 }, bytes: 812_345 },
});
const text = (id: string, body: string): NewAttachment => ({ id, kind: 'text', name: 'notes.md', mime: 'text/plain', data: utf8(body), size: null, original: null });

/** One user message with its files, the way a send commits them. */
function send({ sqlite, conversations, attachments }: Opened, conversationId: string, messageId: string, files: NewAttachment[]): void {
  const written = attachments.writeFiles(conversationId, files);
  sqlite.transaction(() => {
    conversations.addUserMessage({ id: messageId, conversationId, content: `message ${messageId}` }, NOW);
    attachments.insertRows(messageId, written, NOW);
  })();
}

const folderOf = (dataDir: string, conversationId: string) => join(dataDir, 'attachments', conversationId);
const filesIn = (dataDir: string, conversationId: string) => readdirSync(folderOf(dataDir, conversationId)).sort();

describe('AttachmentStore: files written before their rows, read back with the message', () => {
  it('keeps each file under its id in the conversation folder, and reads them back in the order attached', () => {
    const db = open();
    db.conversations.create({ id: 'c1', title: 'Plans' }, NOW);
    send(db, 'c1', 'm1', [text('a1', 'first'), image('a2')]);
    send(db, 'c1', 'm2', [text('a3', 'second')]);
    expect(filesIn(db.dataDir, 'c1')).toEqual(['a1.txt', 'a2.png', 'a3.txt']);

    const byMessage = db.attachments.forConversation('c1');
    expect([...byMessage.keys()]).toEqual(['m1', 'm2']);
    expect(byMessage.get('m1')!.map((a) => a.view)).toEqual([
      { id: 'a1', name: 'notes.md', kind: 'text', mime: 'text/plain', bytes: 5, size: null, original: null },
      {
        id: 'a2',
        name: 'screenshot.png',
        kind: 'image',
        mime: 'image/png',
        bytes: shot.byteLength,
        size: { width: 20, height: 10 },
        original: { size: { width: 4000, height: 2000 }, bytes: 812_345 },
      },
    ]);
    const [first, second] = byMessage.get('m1')!;
    expect(first!.read().toString('utf8')).toBe('first');
    expect(new Uint8Array(second!.read())).toEqual(shot);
    expect({ kind: second!.kind, name: second!.name, mime: second!.mime }).toEqual({ kind: 'image', name: 'screenshot.png', mime: 'image/png' });
    expect(db.attachments.forConversation('other').size).toBe(0);
  });

  it('a send that does not commit (a refusal) discards its files, and the folder it made', () => {
    const db = open();
    db.conversations.create({ id: 'c1', title: 'Plans' }, NOW);
    const written = db.attachments.writeFiles('c1', [text('a1', 'x'), image('a2')]);
    expect(filesIn(db.dataDir, 'c1')).toEqual(['a1.txt', 'a2.png']);
    db.attachments.discardWritten(written);
    expect(existsSync(folderOf(db.dataDir, 'c1'))).toBe(false);
  });

  it('writes all of a message\'s files or none: a failure half way removes those already written', () => {
    const db = open();
    expect(() => db.attachments.writeFiles('c1', [text('a1', 'x'), text('../escape', 'y')])).toThrow(
      'The id "../escape" cannot name a file: only letters, digits, "-" and "_" can.',
    );
    expect(existsSync(folderOf(db.dataDir, 'c1'))).toBe(false);
    expect(() => db.attachments.writeFiles('../c1', [text('a1', 'x')])).toThrow('The id "../c1" cannot name a file');
    expect(() => db.attachments.writeFiles('staged', [text('a1', 'x')])).toThrow('A conversation cannot be named "staged"');
  });

  it('says which file is missing when the data folder lost it', () => {
    const db = open();
    db.conversations.create({ id: 'c1', title: 'Plans' }, NOW);
    send(db, 'c1', 'm1', [image('a1')]);
    rmSync(join(folderOf(db.dataDir, 'c1'), 'a1.png'));
    const [stored] = db.attachments.forConversation('c1').get('m1')!;
    let caught: unknown;
    try {
      stored!.read();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('not_found');
    expect((caught as AppError).message).toBe(
      `"screenshot.png", sent earlier in this conversation, is missing from the data folder (${join(folderOf(db.dataDir, 'c1'), 'a1.png')}), so it cannot be sent again. Edit that message to attach the file again, or start a new conversation.`,
    );
  });
});

describe('AttachmentStore: files go with their rows', () => {
  it('deleting a conversation removes its rows by cascade, and syncFolder its whole folder', () => {
    const db = open();
    db.conversations.create({ id: 'c1', title: 'Plans' }, NOW);
    db.conversations.create({ id: 'c2', title: 'Other' }, NOW);
    send(db, 'c1', 'm1', [text('a1', 'x'), image('a2')]);
    send(db, 'c2', 'm2', [text('a3', 'y')]);
    expect(db.conversations.delete('c1')).toBe(true);
    expect(db.sqlite.prepare<[], { id: string }>('SELECT id FROM attachments').all()).toEqual([{ id: 'a3' }]);
    expect(db.attachments.syncFolder('c1')).toBe(2);
    expect(existsSync(folderOf(db.dataDir, 'c1'))).toBe(false);
    expect(filesIn(db.dataDir, 'c2')).toEqual(['a3.txt']);
    expect(db.attachments.syncFolder('c1')).toBe(0);
  });

  it('an edit that deletes messages from a point on removes only their files', () => {
    const db = open();
    db.conversations.create({ id: 'c1', title: 'Plans' }, NOW);
    send(db, 'c1', 'm1', [text('a1', 'x')]);
    send(db, 'c1', 'm2', [image('a2'), text('a3', 'z')]);
    expect(db.conversations.deleteMessagesFrom('c1', 'm2')).toBe(1);
    expect(db.attachments.syncFolder('c1')).toBe(2);
    expect(filesIn(db.dataDir, 'c1')).toEqual(['a1.txt']);
    expect([...db.attachments.forConversation('c1').keys()]).toEqual(['m1']);
  });
});

describe('AttachmentStore.sweepOrphans at start-up', () => {
  it('removes the file of a send that crashed between writing it and committing, once it is older than the grace period', () => {
    const first = open();
    first.conversations.create({ id: 'c1', title: 'Plans' }, NOW);
    send(first, 'c1', 'm1', [text('a1', 'kept')]);
    first.attachments.writeFiles('c1', [image('a2')]);
    // The crash: no transaction ran; a half-written temporary file lies beside it too.
    writeFileSync(join(folderOf(first.dataDir, 'c1'), '.a3.txt.999.tmp'), 'half');
    first.sqlite.close();

    const restarted = open(first.dataDir);
    // Just written: as far as this host knows, another one may be about to commit it.
    expect(restarted.attachments.sweepOrphans()).toBe(0);
    const longAgo = new Date(Date.now() - ORPHAN_GRACE_MS - 1000);
    for (const name of ['a2.png', '.a3.txt.999.tmp', 'a1.txt']) utimesSync(join(folderOf(first.dataDir, 'c1'), name), longAgo, longAgo);
    expect(restarted.attachments.sweepOrphans()).toBe(2);
    expect(filesIn(first.dataDir, 'c1')).toEqual(['a1.txt']);
  });

  it("removes folders of conversations that are gone and stray files, and leaves staging's folder to it", () => {
    const db = open();
    db.conversations.create({ id: 'c1', title: 'Plans' }, NOW);
    send(db, 'c1', 'm1', [text('a1', 'x')]);
    const root = join(db.dataDir, 'attachments');
    mkdirSync(join(root, 'gone', 'nested'), { recursive: true });
    writeFileSync(join(root, 'gone', 'b1.png'), 'x');
    writeFileSync(join(root, 'gone', 'nested', 'b2.txt'), 'x');
    writeFileSync(join(root, 'stray.txt'), 'x');
    mkdirSync(join(root, 'empty'));
    mkdirSync(join(root, 'staged', '77'), { recursive: true });
    writeFileSync(join(root, 'staged', '77', 's1'), 'x');
    expect(db.attachments.sweepOrphans({ graceMs: 0 })).toBe(3);
    expect(readdirSync(root).sort()).toEqual(['c1', 'staged']);
    expect(filesIn(db.dataDir, 'c1')).toEqual(['a1.txt']);
    expect(readFileSync(join(root, 'staged', '77', 's1'), 'utf8')).toBe('x');
  });

  it('has nothing to do on a data folder that never held an attachment', () => {
    expect(open().attachments.sweepOrphans()).toBe(0);
  });
});
