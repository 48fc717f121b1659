import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AttachmentStore, type NewAttachment } from '../../src/main/core/attachments/attachment-store';
import { ConversationStore } from '../../src/main/core/conversations/conversation-store';
import { messageViews, toConversationView } from '../../src/main/core/conversations/conversation-views';
import { openStore } from '../../src/main/core/db/open-database';
import { pngBytes, utf8 } from '../attachments/attachment-fixtures';
import { useTempDir } from '../helpers/temp-dir';
import { useStoresClosedAfterEach } from '../helpers/stores-closed-after-each';

const tempDir = useTempDir();
const closedAfterEach = useStoresClosedAfterEach();

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);

function open() {
  const dataDir = tempDir();
  const store = openStore({ file: join(dataDir, 'tallychat.sqlite') });
  closedAfterEach(store);
  return { sqlite: store.sqlite, conversations: new ConversationStore(store.sqlite), attachments: new AttachmentStore(store.sqlite, dataDir) };
}

describe('a conversation remembers its web search toggle', () => {
  it('is off unless created on, and setWebSearch flips it and counts as activity', () => {
    const { conversations } = open();
    conversations.create({ id: 'c1', title: 'Plain' }, NOW);
    conversations.create({ id: 'c2', title: 'News', webSearch: true }, NOW + 1);
    expect(conversations.list().map((c) => [c.id, c.webSearch])).toEqual([
      ['c2', true],
      ['c1', false],
    ]);
    expect(conversations.setWebSearch('c1', true, NOW + 5)).toBe(true);
    expect(conversations.get('c1')).toMatchObject({ webSearch: true, updatedAt: NOW + 5 });
    expect(conversations.list('plain').map((c) => [c.id, c.webSearch])).toEqual([['c1', true]]);
    expect(conversations.setWebSearch('c2', false, NOW + 6)).toBe(true);
    expect(conversations.get('c2')?.webSearch).toBe(false);
    expect(conversations.setWebSearch('nope', true, NOW)).toBe(false);
  });

  it("shows in the conversation's view", () => {
    const { conversations } = open();
    conversations.create({ id: 'c1', title: 'News', providerId: 'openai', model: 'gpt-4o', webSearch: true }, NOW);
    expect(toConversationView(conversations.get('c1')!)).toEqual({
      id: 'c1',
      title: 'News',
      providerId: 'openai',
      model: 'gpt-4o',
      systemPrompt: null,
      webSearch: true,
      updatedAt: NOW,
      totalCostNanos: 0,
      requests: 0,
      unpricedRequests: 0,
    });
  });
});

describe("a thread's messages carry the files sent with them", () => {
  it('each user message lists its attachments in order, answers none, read in one query for the whole thread', () => {
    const { sqlite, conversations, attachments } = open();
    conversations.create({ id: 'c1', title: 'Look' }, NOW);
    const image: NewAttachment = {
      id: 'a1',
      kind: 'image',
      name: 'chart.png',
      mime: 'image/png',
      data: pngBytes(8, 6),
      size: { width: 8, height: 6 },
      original: { size: { width: 3200, height: 2400 }, bytes: 1_048_576 },
    };
    const notes: NewAttachment = { id: 'a2', kind: 'text', name: 'data.csv', mime: 'text/plain', data: utf8('a,b\n'), size: null, original: null };
    const written = attachments.writeFiles('c1', [image, notes]);
    sqlite.transaction(() => {
      conversations.addUserMessage({ id: 'm1', conversationId: 'c1', content: 'What does this show?' }, NOW);
      attachments.insertRows('m1', written, NOW);
    })();
    sqlite.prepare("INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES ('m2', 'c1', 'assistant', 'Growth.', 'complete', ?)").run(NOW + 1);
    conversations.addUserMessage({ id: 'm3', conversationId: 'c1', content: 'Thanks' }, NOW + 2);

    const prepare = vi.spyOn(sqlite, 'prepare');
    const byMessage = attachments.forConversation('c1');
    expect(prepare).toHaveBeenCalledTimes(1);
    prepare.mockRestore();

    const views = messageViews(conversations.thread('c1'), () => 'OpenAI', byMessage);
    expect(views.map((view) => [view.id, view.attachments])).toEqual([
      [
        'm1',
        [
          { id: 'a1', name: 'chart.png', kind: 'image', mime: 'image/png', bytes: image.data.byteLength, size: { width: 8, height: 6 }, original: { size: { width: 3200, height: 2400 }, bytes: 1_048_576 } },
          { id: 'a2', name: 'data.csv', kind: 'text', mime: 'text/plain', bytes: 4, size: null, original: null },
        ],
      ],
      ['m2', []],
      ['m3', []],
    ]);
  });
});
