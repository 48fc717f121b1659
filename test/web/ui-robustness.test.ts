import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { addFakeProvider, httpGet, rawExchange, signIn, startUiChild, upgradeRequest, wsFrame, type UiChild } from './ui-child';
import { MAX_MESSAGE_BYTES } from '../../src/main/web/web-server';

/**
 * `tallychat ui` as a child process, attacked the way the break test did: every case must leave
 * the server running, so each one ends by checking the process still answers.
 */
const KEY_ENV = 'TALLYCHAT_ROBUST_KEY';
let fake: FakeProvider;
let dataDir: string;
let ui: UiChild;
let cookie: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  dataDir = mkdtempSync(join(tmpdir(), 'tallychat-robust-'));
  await addFakeProvider(dataDir, fake.baseUrl, KEY_ENV);
  ui = await startUiChild(dataDir, { [KEY_ENV]: 'sk-robust-key' });
  cookie = await signIn(ui.url);
}, 60_000);

afterAll(async () => {
  expect(await ui.stop()).toBe(0);
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function expectAlive(): Promise<void> {
  expect(ui.child.exitCode).toBeNull();
  expect((await httpGet(`${ui.origin}/`)).status).toBe(401);
}

/** The close code in the server's close frame (server frames are not masked). */
function closeCodeIn(answer: string): number | undefined {
  const body = Buffer.from(answer.slice(answer.indexOf('\r\n\r\n') + 4), 'latin1');
  const at = body.indexOf(0x88);
  return at >= 0 && body.length >= at + 4 ? body.readUInt16BE(at + 2) : undefined;
}

describe('tallychat ui survives malformed WebSocket frames (one bad frame closes that socket only)', () => {
  const cases: [string, Buffer, number][] = [
    ['invalid UTF-8 in a text frame', wsFrame({ opcode: 1, payload: Buffer.from([0xc3, 0x28, 0xff]) }), 1007],
    ['a reserved opcode', wsFrame({ opcode: 3, payload: Buffer.from('x') }), 1002],
    ['RSV1 set without an extension', wsFrame({ opcode: 1, payload: Buffer.from('{}'), rsv: 4 }), 1002],
    ['a ping of 200 bytes (control frames stop at 125)', wsFrame({ opcode: 9, payload: Buffer.alloc(200, 1) }), 1002],
    ['a close frame with code 999', wsFrame({ opcode: 8, payload: Buffer.from([0x03, 0xe7]) }), 1002],
    ['a header announcing a byte more than the largest message', wsFrame({ opcode: 1, payload: Buffer.alloc(0), announcedLength: BigInt(MAX_MESSAGE_BYTES + 1) }), 1009],
  ];
  for (const [name, frame, code] of cases) {
    it(`${name}: closed with ${code}`, async () => {
      const answer = await rawExchange(ui.port, Buffer.concat([Buffer.from(upgradeRequest(ui.port, cookie)), frame]));
      expect(answer).toMatch(/^HTTP\/1\.1 101 /);
      expect(closeCodeIn(answer)).toBe(code);
      await expectAlive();
    });
  }

  it('a message a byte over the largest (a 32 MB file as base64, and its envelope) is refused with 1009 while another tab\'s answer streams on and completes', async () => {
    fake.enqueue({ text: 'steady '.repeat(100), deltaChars: 7, delayMs: 10, usage: { input: 5, output: 100 } });
    const tab = new WebSocket(`ws://127.0.0.1:${ui.port}/ws`, { headers: { cookie, origin: ui.origin } });
    await new Promise((resolve) => tab.once('open', resolve));
    const finished = new Promise<{ status: string }>((resolve) => {
      tab.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { kind: string; event?: { type: string; request: { status: string } } };
        if (message.event?.type === 'chat.finished') resolve(message.event.request);
      });
    });
    tab.send(JSON.stringify({ id: 1, channel: 'tallychat:chatSend', payload: { providerId: 'fake-openai', model: 'gpt-4o-mini', text: 'stream' } }));

    const paster = new WebSocket(`ws://127.0.0.1:${ui.port}/ws`, { headers: { cookie, origin: ui.origin } });
    await new Promise((resolve) => paster.once('open', resolve));
    const closed = new Promise<number>((resolve) => paster.once('close', (code) => resolve(code)));
    paster.on('error', () => undefined);
    paster.send(JSON.stringify({ id: 1, channel: 'tallychat:chatEstimate', payload: { text: 'x'.repeat(MAX_MESSAGE_BYTES + 1) } }));
    expect(await closed).toBe(1009);
    expect(await finished).toMatchObject({ status: 'completed' });
    tab.close();
    await expectAlive();
  });
});

describe('tallychat ui survives resets and odd requests', () => {
  it('500 refused upgrades whose connection is reset at once', async () => {
    for (let batch = 0; batch < 25; batch += 1) {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          new Promise<void>((resolve) => {
            const socket = connect(ui.port, '127.0.0.1', () => {
              socket.write(upgradeRequest(ui.port, undefined));
              socket.resetAndDestroy();
            });
            socket.on('error', () => undefined);
            socket.on('close', () => resolve());
          }),
        ),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expectAlive();
  });

  it('answers 400 to malformed percent-encoding in a path', async () => {
    const answer = await httpGet(`${ui.origin}/%`, { cookie });
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('Bad request: the path is not valid percent-encoding.');
    expect((await httpGet(`${ui.origin}/assets/%E0%A4%A`, { cookie })).status).toBe(400);
    await expectAlive();
  });

  it('answers 400 to a request with two Host headers, and to an upgrade with two', async () => {
    const request = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${ui.port}\r\nHost: evil.example\r\nCookie: ${cookie}\r\n\r\n`;
    expect(await rawExchange(ui.port, request)).toMatch(/^HTTP\/1\.1 400 /);
    const upgrade = upgradeRequest(ui.port, cookie, 'Host: evil.example');
    expect(await rawExchange(ui.port, upgrade)).toMatch(/^HTTP\/1\.1 400 /);
    await expectAlive();
  });
});
