import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsBefore, useStoresAtVersion } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const openAt = useStoresAtVersion();

const BEFORE_SYSTEM_PROMPT = migrationsBefore('_conversation_system_prompt');


describe('migration of issue 16 (per-conversation system prompt), from the version before it', () => {
  it('gives every existing conversation no system prompt of its own, so the default applies, and keeps its messages', () => {
    const file = join(tempDir(), 'tallychat.sqlite');
    const old = openAt(file, BEFORE_SYSTEM_PROMPT);
    expect(old.schemaVersion).toBe(BEFORE_SYSTEM_PROMPT);
    old.sqlite.prepare("INSERT INTO conversations (id, title, provider_id, model, created_at, updated_at) VALUES ('c1', 'Trip', 'p1', 'gpt-4o', 1, 2)").run();
    old.sqlite
      .prepare("INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('m1', 'c1', 'user', 'Hello', 'complete', 1)")
      .run();
    old.close();

    const store = openAt(file, BEFORE_SYSTEM_PROMPT + 1);
    expect(store.schemaVersion).toBe(BEFORE_SYSTEM_PROMPT + 1);
    expect(store.sqlite.prepare('SELECT id, title, model, system_prompt AS systemPrompt FROM conversations').all()).toEqual([
      { id: 'c1', title: 'Trip', model: 'gpt-4o', systemPrompt: null },
    ]);
    expect(store.sqlite.prepare('SELECT id, content FROM messages').all()).toEqual([{ id: 'm1', content: 'Hello' }]);
  });
});
