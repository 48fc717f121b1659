import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { seededRandom } from '../helpers/seeded-random';
import { addFakeProvider, httpGet, signIn, startUiChild, upgradeRequest, wsFrame, type UiChild } from '../web/ui-child';

/**
 * 10,000 random and malformed WebSocket frames, raw TCP junk and resets at every stage of the
 * handshake, with and without the session cookie, against `tallychat ui` as a child process on
 * loopback. The process must be alive at the end and a normal chat must still work.
 */
const SEED = 13;
const FRAMES = 10_000;
const PARALLEL = 16;
const KEY_ENV = 'TALLYCHAT_FUZZ_KEY';
let fake: FakeProvider;
let dataDir: string;
let ui: UiChild;
let cookie: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  dataDir = mkdtempSync(join(tmpdir(), 'tallychat-wsfuzz-'));
  await addFakeProvider(dataDir, fake.baseUrl, KEY_ENV);
  ui = await startUiChild(dataDir, { [KEY_ENV]: 'sk-fuzz-key' });
  cookie = await signIn(ui.url);
}, 60_000);

afterAll(async () => {
  expect(await ui.stop()).toBe(0);
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const random = seededRandom(SEED);
const int = (max: number) => Math.floor(random() * max);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));

const CALLS = [
  '{"id":1,"channel":"tallychat:appInfo","payload":{}}',
  '{"id":2,"channel":"tallychat:chatProviders","payload":{}}',
  '{"id":3,"channel":"tallychat:chatEstimate","payload":{"providerId":"fake-openai","model":"gpt-4o-mini","text":"hi"}}',
  '{"id":-1,"channel":"tallychat:appInfo"}',
  '{"id":1e400,"channel":"x","payload":null}',
  '[]',
  'null',
  '{"__proto__":{"polluted":1}}',
];

/** One frame: valid calls, junk text, bad UTF-8, bad opcodes, RSV bits, bad control frames, lying lengths. */
function randomFrame(): Buffer {
  switch (int(12)) {
    case 0:
    case 1:
      return wsFrame({ opcode: 1, payload: Buffer.from(pick(CALLS)) });
    case 2:
      return wsFrame({ opcode: 1, payload: bytes(int(64)) });
    case 3:
      return wsFrame({ opcode: int(16), payload: bytes(int(40)) });
    case 4:
      return wsFrame({ opcode: pick([1, 2, 9, 10]), payload: bytes(int(20)), rsv: 1 + int(7) });
    case 5:
      return wsFrame({ opcode: pick([9, 10]), payload: bytes(126 + int(300)) });
    case 6: {
      const code = Buffer.alloc(2);
      code.writeUInt16BE(pick([0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535, 1000, 1001, 4000]));
      return wsFrame({ opcode: 8, payload: random() < 0.2 ? Buffer.from([1]) : Buffer.concat([code, bytes(int(10))]) });
    }
    case 7:
      return wsFrame({ opcode: 1, payload: Buffer.alloc(0), announcedLength: pick([17n << 20n, 1n << 32n, (1n << 63n) - 1n, 1n << 63n]) });
    case 8:
      return wsFrame({ opcode: pick([0, 1, 2]), payload: bytes(int(30)), fin: false });
    case 9:
      return wsFrame({ opcode: 1, payload: Buffer.from(pick(CALLS)), mask: false });
    case 10:
      return wsFrame({ opcode: 1, payload: bytes(50), announcedLength: 1000n });
    default:
      return bytes(1 + int(30));
  }
}

/** Connections the server upgraded: the frames reached the WebSocket parser, not only the HTTP one. */
let upgraded = 0;

/** Writes, then leaves the way a broken client does: a reset, a half-close, or waiting for the server. */
function session(write: (socket: Socket) => void): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(ui.port, '127.0.0.1');
    const ending = pick(['reset', 'end', 'wait'] as const);
    const finish = () => {
      clearTimeout(timer);
      if (!socket.destroyed) socket.resetAndDestroy();
      resolve();
    };
    const timer = setTimeout(finish, 150);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.once('data', (chunk: Buffer) => {
      if (chunk.toString('latin1').startsWith('HTTP/1.1 101 ')) upgraded += 1;
    });
    socket.on('connect', () => {
      write(socket);
      if (ending === 'reset') setTimeout(finish, int(20));
      else if (ending === 'end') socket.end();
    });
  });
}

/** A handshake cut off by a reset at a given stage, with or without the cookie. */
function resetHandshake(stage: number, withCookie: boolean): Promise<void> {
  const request = upgradeRequest(ui.port, withCookie ? cookie : undefined);
  return new Promise((resolve) => {
    const socket = connect(ui.port, '127.0.0.1');
    const reset = () => {
      if (!socket.destroyed) socket.resetAndDestroy();
      resolve();
    };
    socket.on('error', () => resolve());
    socket.on('connect', () => {
      if (stage === 0) return reset();
      if (stage === 1) socket.write(request.slice(0, 1 + int(request.length - 2)));
      if (stage >= 2) socket.write(request);
      if (stage === 3) socket.once('data', reset);
      else setTimeout(reset, stage === 2 ? 0 : 5);
    });
  });
}

async function inParallel(jobs: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

describe('tallychat ui under a WebSocket and TCP fuzz', () => {
  it(`takes ${FRAMES.toLocaleString('en-US')} malformed frames, TCP junk and handshake resets, then still chats`, async () => {
    const started = Date.now();
    const jobs: (() => Promise<void>)[] = [];
    let frames = 0;
    while (frames < FRAMES) {
      const count = Math.min(1 + int(20), FRAMES - frames);
      frames += count;
      const batch = Buffer.concat(Array.from({ length: count }, randomFrame));
      const withCookie = random() < 0.75;
      const split = int(batch.length);
      jobs.push(() =>
        session((socket) => {
          socket.write(upgradeRequest(ui.port, withCookie ? cookie : undefined));
          socket.write(batch.subarray(0, split));
          socket.write(batch.subarray(split));
        }),
      );
      if (random() < 0.2) jobs.push(() => session((socket) => socket.write(bytes(1 + int(2000)))));
      if (random() < 0.2) jobs.push(() => resetHandshake(int(4), random() < 0.5));
    }
    for (let stage = 0; stage < 4; stage += 1) {
      for (const withCookie of [true, false]) for (let i = 0; i < 25; i += 1) jobs.push(() => resetHandshake(stage, withCookie));
    }
    await inParallel(jobs);
    expect(frames).toBe(FRAMES);
    expect(upgraded).toBeGreaterThan(200);
    expect(Date.now() - started).toBeLessThan(60_000);

    expect(ui.child.exitCode).toBeNull();
    expect((await httpGet(`${ui.origin}/`)).status).toBe(401);
    const tab = new WebSocket(`ws://127.0.0.1:${ui.port}/ws`, { headers: { cookie, origin: ui.origin } });
    await new Promise((resolve) => tab.once('open', resolve));
    const finished = new Promise<{ status: string; text: string }>((resolve) => {
      tab.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { event?: { type: string; request: { status: string; text: string } } };
        if (message.event?.type === 'chat.finished') resolve(message.event.request);
      });
    });
    tab.send(JSON.stringify({ id: 1, channel: 'tallychat:chatSend', payload: { providerId: 'fake-openai', model: 'gpt-4o-mini', text: 'still here?' } }));
    expect(await finished).toMatchObject({ status: 'completed', text: 'Echo: still here?' });
    tab.close();
  }, 90_000);
});
