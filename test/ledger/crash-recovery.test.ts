import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { openStore } from '../../src/main/core/db/open-database';
import { sumSpend } from '../../src/main/core/ledger/ledger-sums';
import { countTextTokens } from '../../src/main/core/tokens/count-tokens';
import { nanodollars } from '../../src/shared/money';
import { startFakeProvider, type FakeProvider } from '../fake-provider';

let fake: FakeProvider | undefined;
let core: Core | undefined;
let dataDir = '';
afterEach(async () => {
  await core?.close();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface OpenRow {
  id: string;
  status: string;
  partial_text: string | null;
}

describe('crash recovery', () => {
  it('a process killed mid-stream leaves a row the next start marks interrupted, estimated and counted', async () => {
    fake = await startFakeProvider();
    dataDir = mkdtempSync(join(tmpdir(), 'tallychat-crash-'));
    fake.enqueue({ text: 'chunk '.repeat(400), deltaChars: 6, delayMs: 40, usage: { input: 12, output: 400 } });
    const child = spawn(
      process.execPath,
      ['bin/tallychat.mjs', 'chat', '--data-dir', dataDir, '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'gpt-4o', 'Tell me a long story'],
      { env: { ...process.env, OPENAI_API_KEY: 'sk-test-crash' }, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

    // Wait for the first time-based checkpoint (every 2 s), then kill without warning.
    const watcher = openStore({ file: join(dataDir, 'tallychat.sqlite') });
    let row: OpenRow | undefined;
    for (let waited = 0; waited < 15_000 && !row?.partial_text; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = watcher.sqlite.prepare('SELECT id, status, partial_text FROM requests').get() as OpenRow | undefined;
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(row).toMatchObject({ status: 'streaming', partial_text: expect.stringMatching(/^(chunk )+/) });
    const checkpointed = (watcher.sqlite.prepare('SELECT partial_text FROM requests').get() as { partial_text: string }).partial_text;
    watcher.close();

    core = createCore({ dataDir, appVersion: 'test', host: 'cli' });
    expect(core.recovery.stillRunning).toBe(0);
    expect(core.recovery.interrupted).toHaveLength(1);
    const recovered = core.ledger.get(row!.id)!;
    expect(recovered).toMatchObject({
      status: 'interrupted',
      usageSource: 'estimated',
      outputTokens: countTextTokens('gpt-4o', checkpointed).tokens,
      error: 'Tallychat stopped while this answer was streaming; usage is estimated from what was saved.',
    });
    expect(recovered.inputTokens).toBe(recovered.estimatedInputTokens);
    expect(recovered.costUsdNanos).toBeGreaterThan(0);
    const messages = core.conversations.messages(recovered.conversationId!);
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'partial'],
    ]);
    expect(messages[1]!.content).toBe(checkpointed);
    const month = { startMs: recovered.startedAt - 1, endMs: recovered.startedAt + 1 };
    expect(sumSpend(core.store.sqlite, month).spent).toBe(recovered.costUsdNanos);
  }, 30_000);

  it('leaves alone the open rows of a process that is still running', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tallychat-live-'));
    core = createCore({ dataDir, appVersion: 'test', host: 'cli' });
    core.ledger.open({
      id: 'live',
      conversationId: null,
      userMessageId: null,
      providerId: 'openai',
      providerKind: 'openai',
      model: 'gpt-4o',
      streamed: true,
      estimatedInputTokens: 5,
      reservation: nanodollars(0),
      startedAt: Date.now(),
      ownerPid: process.ppid,
    });
    await core.close();
    core = createCore({ dataDir, appVersion: 'test', host: 'cli' });
    expect(core.recovery).toEqual({ interrupted: [], stillRunning: 1 });
    expect(core.ledger.get('live')!.status).toBe('pending');
  });
});
