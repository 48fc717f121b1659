import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createCore } from '../../src/main/core/app/create-core';

/** `tallychat ui` as a person runs it: a child process on its own data folder. */
export interface UiChild {
  child: ChildProcess;
  url: string;
  origin: string;
  port: number;
  exited: Promise<number | null>;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<number | null>;
}

export async function startUiChild(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<UiChild> {
  const child = spawn(process.execPath, ['bin/tallychat.mjs', 'ui', '--no-open', '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Tallychat is running at (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', () => reject(new Error(`tallychat ui exited early:\n${out}\n${err}`)));
  });
  const origin = new URL(url).origin;
  return {
    child,
    url,
    origin,
    port: Number(new URL(url).port),
    exited,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Configures a provider on the fake server whose key the child reads from `keyEnv`. */
export async function addFakeProvider(dataDir: string, baseUrl: string, keyEnv: string): Promise<void> {
  const setup = createCore({ dataDir, appVersion: 'test', host: 'cli' });
  setup.providers.save({
    id: 'fake-openai',
    kind: 'openai',
    name: 'Fake OpenAI',
    baseUrl: `${baseUrl}/v1`,
    keyRef: `env:${keyEnv}`,
    keyLast4: 'fake',
    enabledModels: ['gpt-4o-mini'],
    modelSettings: {},
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
  await setup.close();
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the printed link once, as the browser does, and returns the `name=value` the server set. */
export async function signIn(url: string): Promise<string> {
  const answer = await httpGet(url);
  const cookie = (answer.headers['set-cookie'] as string[] | undefined)?.[0];
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in answered ${answer.status}`);
  return cookie.split(';')[0]!;
}

/** Sends raw bytes and collects what comes back until the server closes or `ms` pass. */
export function rawExchange(port: number, bytes: Buffer | string, ms = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, ms);
    socket.on('data', (chunk: Buffer) => (got += chunk.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

/** A client WebSocket frame (clients must mask), with every header bit under the caller's control. */
export function wsFrame(options: {
  opcode: number;
  payload: Buffer;
  fin?: boolean;
  rsv?: number;
  /** Announce this length instead of the payload's real one. */
  announcedLength?: bigint;
  mask?: boolean;
}): Buffer {
  const { opcode, payload } = options;
  const fin = options.fin ?? true;
  const mask = options.mask ?? true;
  const length = options.announcedLength ?? BigInt(payload.length);
  const first = (fin ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | (opcode & 0x0f);
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, (mask ? 0x80 : 0) | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = (mask ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!mask) return Buffer.concat([header, payload]);
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
  return Buffer.concat([header, key, masked]);
}

export function upgradeRequest(port: number, cookie: string | undefined, extra = ''): string {
  return [
    'GET /ws HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...(cookie ? [`Cookie: ${cookie}`] : []),
    ...(extra ? [extra] : []),
    '',
    '',
  ].join('\r\n');
}
