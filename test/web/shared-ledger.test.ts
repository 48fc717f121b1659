import { execFile, spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openStore } from '../../src/main/core/db/open-database';
import { startFakeProvider, type FakeProvider } from '../fake-provider';

const exec = promisify(execFile);
let fake: FakeProvider;
let dataDir: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  dataDir = mkdtempSync(join(tmpdir(), 'tallychat-shared-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function sessionCookie(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    httpRequest(url, (res) => {
      res.resume();
      resolve(String(res.headers['set-cookie']![0]).split(';')[0]!);
    })
      .on('error', reject)
      .end();
  });
}

describe('one data folder, three hosts', () => {
  it('the CLI and `tallychat ui` write 20 requests each at once: all 40 rows are there and the totals are their sum', async () => {
    const env = { ...process.env, OPENAI_API_KEY: 'sk-shared' };
    const ui = spawn(process.execPath, ['bin/tallychat.mjs', 'ui', '--no-open', '--data-dir', dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => ui.once('exit', resolve));
    const url = await new Promise<string>((resolve) => {
      let out = '';
      ui.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /running at (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
    });
    const origin = new URL(url).origin;
    const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws`, { headers: { cookie: await sessionCookie(url), origin } });
    await new Promise((resolve) => ws.once('open', resolve));

    // Browser mode uses a configured provider (its key from the environment); the CLI an ad-hoc one.
    const store = openStore({ file: join(dataDir, 'tallychat.sqlite') });
    store.sqlite
      .prepare(
        `INSERT INTO providers (id, kind, name, base_url, key_ref, key_last4, created_at, updated_at)
         VALUES ('ui-openai', 'openai', 'UI OpenAI', ?, 'env:OPENAI_API_KEY', 'ared', 0, 0)`,
      )
      .run(`${fake.baseUrl}/v1`);

    const finished = new Set<string>();
    const allFinished = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { kind: string; event?: { type: string; request?: { requestId: string } } };
        if (message.kind === 'event' && message.event?.type === 'chat.finished') {
          finished.add(message.event.request!.requestId);
          if (finished.size === 20) resolve();
        }
      });
    });
    for (let i = 0; i < 20; i += 1) {
      ws.send(JSON.stringify({ id: 100 + i, channel: 'tallychat:chatSend', payload: { providerId: 'ui-openai', model: 'gpt-4o', text: `ui ${i}` } }));
    }
    for (let batch = 0; batch < 5; batch += 1) {
      const runs = Array.from({ length: 4 }, (_, j) =>
        exec(
          process.execPath,
          ['bin/tallychat.mjs', 'chat', '--data-dir', dataDir, '--provider', 'openai', '--base-url', `${fake.baseUrl}/v1`, '--model', 'gpt-4o', `cli ${batch * 4 + j}`],
          { env },
        ),
      );
      await Promise.all(runs);
    }
    await allFinished;
    ws.close();
    ui.kill('SIGINT');
    expect(await exited).toBe(0);

    const rows = store.sqlite.prepare("SELECT provider_id AS p, COUNT(*) AS n FROM requests WHERE status = 'completed' GROUP BY p ORDER BY p").all();
    expect(rows).toEqual([
      { p: 'openai', n: 20 },
      { p: 'ui-openai', n: 20 },
    ]);
    const sums = store.sqlite
      .prepare('SELECT SUM(cost_usd_nanos) AS ledger, (SELECT SUM(cost_usd_nanos) FROM usage_daily_rollup) AS rollup FROM requests')
      .get() as { ledger: number; rollup: number };
    const each = store.sqlite.prepare('SELECT cost_usd_nanos AS c FROM requests').all() as { c: number }[];
    expect(sums.ledger).toBe(each.reduce((total, row) => total + row.c, 0));
    expect(sums.rollup).toBe(sums.ledger);
    expect(store.sqlite.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 80 });
    store.close();
  }, 120_000);
});
