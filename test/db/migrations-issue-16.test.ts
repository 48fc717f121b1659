import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { migrationsUpTo } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const stores: Store[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

const journal = JSON.parse(readFileSync(join(import.meta.dirname, '../../drizzle/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
/** How many migrations come before the system prompt's: its position in the journal, whatever its number. */
const BEFORE_SYSTEM_PROMPT = journal.entries.findIndex((entry) => entry.tag.endsWith('_conversation_system_prompt'));

function openAt(file: string, count: number): Store {
  const folder = migrationsUpTo(count);
  folders.push(folder);
  const store = openStore({ file, migrationsFolder: folder });
  stores.push(store);
  return store;
}

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
    stores.length = 0;

    const store = openAt(file, BEFORE_SYSTEM_PROMPT + 1);
    expect(store.schemaVersion).toBe(BEFORE_SYSTEM_PROMPT + 1);
    expect(store.sqlite.prepare('SELECT id, title, model, system_prompt AS systemPrompt FROM conversations').all()).toEqual([
      { id: 'c1', title: 'Trip', model: 'gpt-4o', systemPrompt: null },
    ]);
    expect(store.sqlite.prepare('SELECT id, content FROM messages').all()).toEqual([{ id: 'm1', content: 'Hello' }]);
  });
});
