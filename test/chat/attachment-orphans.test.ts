import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/app/create-core';
import { BudgetRefusal } from '../../src/main/core/chat/chat-service';
import { seededRandom } from '../helpers/seeded-random';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(async () => {
  await t.close();
});

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

/** What the data folder holds: each conversation's files, and the staged ones. */
function filesOnDisk(dataDir: string): { sent: string[]; staged: string[] } {
  const root = join(dataDir, 'attachments');
  if (!existsSync(root)) return { sent: [], staged: [] };
  const sent: string[] = [];
  let staged: string[] = [];
  for (const folder of readdirSync(root)) {
    const files = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' });
    // Staged files sit in a folder per process (staged/<pid>/<id>), so hosts sharing the data folder keep their own.
    if (folder === 'staged') staged = files.filter((file) => file.includes('/')).sort();
    else sent.push(...files.map((file) => `${folder}/${file}`));
  }
  return { sent: sent.sort(), staged };
}

function filesInLedger(core: Core): string[] {
  const rows = core.store.sqlite.prepare('SELECT conversation_id AS c, file_name AS f FROM attachments').all() as { c: string; f: string }[];
  return rows.map((row) => `${row.c}/${row.f}`).sort();
}

describe('attachment files live exactly as long as their messages', () => {
  it('a deleted conversation takes its files along', async () => {
    const provider = await t.addProvider('openai');
    const image = t.core.staging.stage('photo.png', png(40, 30));
    const notes = t.core.staging.stage('notes.md', Buffer.from('# Notes\n'));
    t.fake.enqueue({ text: 'A grey square.', usage: { input: 100, output: 4 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'What is this?', attachmentIds: [image.id, notes.id] });
    await started.done;
    expect(filesOnDisk(t.dataDir).sent).toHaveLength(2);
    expect(filesOnDisk(t.dataDir).staged).toEqual([]);

    await expect(t.core.dispatch('conversationDelete', { id: started.conversationId })).resolves.toEqual({ ok: true, value: { deleted: true } });
    expect(filesOnDisk(t.dataDir)).toEqual({ sent: [], staged: [] });
    expect(existsSync(join(t.dataDir, 'attachments', started.conversationId))).toBe(false);
  });

  it.each([1, 2, 3, 4, 5, 6])('no orphans and no missing files after a random sequence of sends, edits, refusals, deletes and restarts (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const provider = await t.addProvider('openai');
    // A provider whose hard cap of a millionth of a dollar refuses every request: its files must not stay behind.
    const capped = await t.addProvider('openai', { id: 'capped', name: 'Capped' });
    expect(await t.core.dispatch('settingsBudgetSet', { scope: 'provider', scopeValue: capped, cap: '0.000001', strict: true })).toMatchObject({ ok: true });
    let core = t.core;
    let staged = new Set<string>();
    const conversations = new Map<string, string[]>();

    const stageSome = (n: number) =>
      Array.from({ length: n }, (_, i) => {
        const file = random() < 0.5 ? core.staging.stage(`shot-${i}.png`, png(8 + i, 6)) : core.staging.stage(`note-${i}.txt`, Buffer.from(`note ${random()}`));
        staged.add(file.id);
        return file.id;
      });

    for (let step = 0; step < 25; step++) {
      const roll = random();
      if (roll < 0.35 || conversations.size === 0) {
        const ids = stageSome(Math.floor(random() * 3));
        const conversationId = conversations.size && random() < 0.5 ? pick([...conversations.keys()]) : undefined;
        t.fake.enqueue({ text: 'ok', usage: { input: 10, output: 1 } });
        const started = await core.chat.send({ providerId: provider, model: 'gpt-4o', text: `step ${step}`, attachmentIds: ids, ...(conversationId ? { conversationId } : {}) });
        await started.done;
        for (const id of ids) staged.delete(id);
        conversations.set(started.conversationId, [...(conversations.get(started.conversationId) ?? []), started.userMessageId]);
      } else if (roll < 0.55) {
        const [conversationId, users] = pick([...conversations.entries()]);
        const from = pick(users);
        const ids = stageSome(Math.floor(random() * 2));
        t.fake.enqueue({ text: 'edited', usage: { input: 10, output: 1 } });
        const started = await core.chat.send({ providerId: provider, model: 'gpt-4o', text: `edit ${step}`, conversationId, replaceFromMessageId: from, attachmentIds: ids });
        await started.done;
        for (const id of ids) staged.delete(id);
        conversations.set(conversationId, [...users.slice(0, users.indexOf(from)), started.userMessageId]);
      } else if (roll < 0.65) {
        const ids = stageSome(1 + Math.floor(random() * 2));
        await expect(core.chat.send({ providerId: capped, model: 'gpt-4o', text: 'refused', attachmentIds: ids })).rejects.toBeInstanceOf(BudgetRefusal);
      } else if (roll < 0.8) {
        const conversationId = pick([...conversations.keys()]);
        expect(await core.dispatch('conversationDelete', { id: conversationId })).toEqual({ ok: true, value: { deleted: true } });
        conversations.delete(conversationId);
      } else if (roll < 0.9 && staged.size) {
        const id = pick([...staged]);
        expect(core.staging.discard(id)).toBe(true);
        staged.delete(id);
      } else {
        // A restart: staged files live one session, and the new core sweeps what has no row.
        await core.close();
        core = t.reopen();
        staged = new Set();
      }
      const disk = filesOnDisk(t.dataDir);
      expect(disk.sent, `step ${step}`).toEqual(filesInLedger(core));
      expect(disk.staged.length, `step ${step}`).toBe(staged.size);
    }
  });
});
