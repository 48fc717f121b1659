import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkIntegrityAtStartup } from '../../src/main/core/db/integrity-check';
import { openStore, type Store } from '../../src/main/core/db/open-database';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  vi.restoreAllMocks();
});

describe('the start-up check of a ledger too large to check whole', () => {
  it('checks every ordinary table, search index storage included, but runs no search index’s own check (it re-reads every message)', () => {
    const store = openStore({ file: join(tempDir(), 'tallychat.sqlite') });
    stores.push(store);
    const { sqlite, file } = store;
    const pragma = vi.spyOn(sqlite, 'pragma');
    checkIntegrityAtStartup(sqlite, file, 0);
    const checked = pragma.mock.calls.map(([text]) => text).filter((text) => text.startsWith('quick_check'));
    const tables = (sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[]);
    const virtual = tables.filter((t) => t.sql.startsWith('CREATE VIRTUAL TABLE')).map((t) => t.name);
    expect(virtual).toEqual(expect.arrayContaining(['messages_search', 'requests_error_search', 'conversations_search']));
    expect(checked).toContain('quick_check("messages_search_data")');
    expect(checked).toContain('quick_check("conversations")');
    expect(checked.filter((c) => virtual.some((name) => c === `quick_check("${name}")`))).toEqual([]);
    expect(checked.filter((c) => c === 'quick_check("requests")' || c === 'quick_check("messages")')).toEqual([]);
  });
});
