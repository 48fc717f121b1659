import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/main/cli/cli-io';
import { runCli } from '../../src/main/cli/main';
import { createCore } from '../../src/main/core/app/create-core';
import { escapeControlCharacters } from '../../src/main/core/text/control-characters';
import { insertConversation, insertLedgerRows } from '../reports/ledger-fixtures';
import { useTempDir } from '../helpers/temp-dir';

const exec = promisify(execFile);
const tempDir = useTempDir();
/** Clears the screen, retitles the window, rings the bell, reverses the rest of the line. */
const HOSTILE = '\u001b[2J\u001b]0;pwned\u0007\u202e';
const SHOWN = '\\x1b[2J\\x1b]0;pwned\\x07\\u202e';
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('control characters reach the terminal escaped (item 10)', () => {
  it('escapes C0, DEL, C1 and bidi controls visibly; keeps line breaks only when asked', () => {
    expect(escapeControlCharacters(`a${HOSTILE}\u0085\u007f\tb\nc`)).toBe(`a${SHOWN}\\x85\\x7f\\x09b\\x0ac`);
    expect(escapeControlCharacters(`a\u001b\tb\nc`, { keepLines: true })).toBe('a\\x1b\tb\nc');
    expect(escapeControlCharacters('plain, ünïcode 😀')).toBe('plain, ünïcode 😀');
  });

  it('report --format table shows titles and model names with their control characters escaped', async () => {
    const dir = tempDir();
    const core = createCore({ dataDir: dir, appVersion: 'test', host: 'cli' });
    insertConversation(core.store.sqlite, 'c1', `Evil${HOSTILE}`);
    insertLedgerRows(core.store.sqlite, [
      { id: 'r1', startedAt: Date.now(), providerId: 'openai', model: `gpt${HOSTILE}`, status: 'completed', conversationId: 'c1', cost: 1000 },
    ]);
    core.ledger.rebuildRollup();
    await core.close();
    const out: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: () => undefined, env: {} };
    expect(await runCli(['report', '--data-dir', dir, '--period', 'all', '--format', 'table'], io)).toBe(0);
    const table = out.join('');
    expect(table).not.toMatch(RAW_CONTROL);
    expect(table).toContain(`gpt${SHOWN}`);
    expect(table).toContain(`Evil${SHOWN}`);
  });

  it('a vendor error with escape sequences is escaped on stderr (real binary)', async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `boom ${HOSTILE} end`, type: 'invalid_request_error' } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    try {
      const run = await exec(
        process.execPath,
        ['bin/tallychat.mjs', 'chat', '--data-dir', tempDir(), '--provider', 'openai', '--base-url', baseUrl, '--model', 'gpt-4o', 'hi'],
        { env: { ...process.env, OPENAI_API_KEY: 'sk-escape-test' } },
      ).catch((error: { code: number; stderr: string }) => error);
      expect(run).toMatchObject({ code: 1 });
      expect(run.stderr).not.toMatch(RAW_CONTROL);
      expect(run.stderr.split('\n')[0]).toBe(`tallychat chat: OpenAI rejected the request (400): boom ${SHOWN} end`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
