import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversationStore } from '../../src/main/core/conversations/conversation-store';
import { migrationsBefore, useStoresAtVersion } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const openAt = useStoresAtVersion();

const BEFORE_ATTACHMENTS = migrationsBefore('_attachments_and_web_search');


const attachmentRow = (id: string, messageId: string, conversationId: string) =>
  `INSERT INTO attachments (id, message_id, conversation_id, position, kind, name, mime, file_name, bytes, created_at)
   VALUES ('${id}', '${messageId}', '${conversationId}', 0, 'text', 'notes.md', 'text/plain', '${id}.txt', 5, 3)`;

describe('migration of issue 16 (attachments and web search), from the version before it, with rows', () => {
  it('turns web search off for every existing conversation, keeps their messages, and adds an empty attachments table', () => {
    expect(BEFORE_ATTACHMENTS).toBeGreaterThan(0);
    const file = join(tempDir(), 'tallychat.sqlite');
    const old = openAt(file, BEFORE_ATTACHMENTS);
    expect(old.schemaVersion).toBe(BEFORE_ATTACHMENTS);
    old.sqlite
      .prepare("INSERT INTO conversations (id, title, provider_id, model, system_prompt, created_at, updated_at) VALUES ('c1', 'Trip', 'p1', 'gpt-4o', 'Be brief.', 1, 2), ('c2', 'Code', NULL, NULL, NULL, 3, 4)")
      .run();
    old.sqlite
      .prepare("INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('m1', 'c1', 'user', 'Hello', 'complete', 1), ('m2', 'c2', 'user', 'Hi', 'complete', 3)")
      .run();
    const conversationsBefore = old.sqlite.prepare('SELECT * FROM conversations ORDER BY id').all();
    const messagesBefore = old.sqlite.prepare('SELECT * FROM messages ORDER BY id').all();
    old.close();

    const store = openAt(file, BEFORE_ATTACHMENTS + 1);
    expect(store.schemaVersion).toBe(BEFORE_ATTACHMENTS + 1);
    const after = store.sqlite.prepare<[], Record<string, unknown>>('SELECT * FROM conversations ORDER BY id').all();
    expect(after.map((row) => row.web_search)).toEqual([0, 0]);
    expect(after.map(({ web_search: _on, ...rest }) => rest)).toEqual(conversationsBefore);
    expect(store.sqlite.prepare('SELECT * FROM messages ORDER BY id').all()).toEqual(messagesBefore);
    expect(store.sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM attachments').get()!.n).toBe(0);

    const conversations = new ConversationStore(store.sqlite);
    expect(conversations.list().map((c) => [c.id, c.webSearch])).toEqual([
      ['c2', false],
      ['c1', false],
    ]);
    // A new conversation's toggle defaults to off without naming the column.
    store.sqlite.prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c3', 'New', 5, 5)").run();
    expect(conversations.get('c3')?.webSearch).toBe(false);
  });

  it("attachment rows go with their message and with their conversation, by the foreign keys' cascade", () => {
    const store = openAt(join(tempDir(), 'tallychat.sqlite'), BEFORE_ATTACHMENTS + 1);
    const { sqlite } = store;
    sqlite.prepare("INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c1', 'Trip', 1, 1), ('c2', 'Code', 1, 1)").run();
    sqlite
      .prepare("INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('m1', 'c1', 'user', 'a', 'complete', 1), ('m2', 'c1', 'user', 'b', 'complete', 2), ('m3', 'c2', 'user', 'c', 'complete', 1)")
      .run();
    for (const [id, message, conversation] of [['a1', 'm1', 'c1'], ['a2', 'm2', 'c1'], ['a3', 'm3', 'c2']] as const) sqlite.prepare(attachmentRow(id, message, conversation)).run();
    expect(() => sqlite.prepare(attachmentRow('a4', 'no-such-message', 'c1')).run()).toThrow(/FOREIGN KEY/);

    sqlite.prepare("DELETE FROM messages WHERE id = 'm2'").run();
    expect(sqlite.prepare('SELECT id FROM attachments ORDER BY id').all()).toEqual([{ id: 'a1' }, { id: 'a3' }]);
    sqlite.prepare("DELETE FROM conversations WHERE id = 'c1'").run();
    expect(sqlite.prepare('SELECT id FROM attachments ORDER BY id').all()).toEqual([{ id: 'a3' }]);
    expect(sqlite.prepare("EXPLAIN QUERY PLAN SELECT id FROM attachments WHERE conversation_id = 'c2' ORDER BY message_id, position").all()).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('attachments_conversation') })]),
    );
  });
});
