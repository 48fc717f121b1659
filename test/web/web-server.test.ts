import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { startWebServer, type RunningWebServer } from '../../src/main/web/web-server';
import { useTempDir } from '../helpers/temp-dir';

const tempDir = useTempDir();
let core: Core | undefined;
let server: RunningWebServer | undefined;

afterEach(async () => {
  await server?.close();
  await core?.close();
  server = undefined;
  core = undefined;
});

async function start(): Promise<RunningWebServer> {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><script type="module" src="./app.js"></script></head></html>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)');
  core = createCore({ dataDir: tempDir(), appVersion: '9.9.9', host: 'web' });
  server = await startWebServer({ core, rendererDir });
  return server;
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
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

function cookieOf(response: { headers: Record<string, unknown> }): string {
  return String((response.headers['set-cookie'] as string[])[0]).split(';')[0]!;
}

describe('browser-mode web server', () => {
  it('trades the URL token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const first = await get(s.url);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([`tallychat_session=${s.token}; HttpOnly; SameSite=Strict; Path=/`]);
    const page = await get(`${s.origin}/`, { cookie: cookieOf(first) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="./web-bridge.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers 401 without the token or cookie, and for a wrong one', async () => {
    const s = await start();
    expect((await get(`${s.origin}/`)).status).toBe(401);
    expect((await get(`${s.origin}/app.js`)).status).toBe(401);
    expect((await get(`${s.origin}/?token=wrong`)).status).toBe(401);
    expect((await get(`${s.origin}/`, { cookie: 'tallychat_session=wrong' })).status).toBe(401);
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    const s = await start();
    expect((await get(s.url, { host: `evil.example:${s.port}` })).status).toBe(403);
    expect((await get(s.url, { host: `127.0.0.1:${s.port + 1}` })).status).toBe(403);
    expect((await get(s.url, { host: `localhost:${s.port}` })).status).toBe(303);
  });

  it('does not serve files outside the renderer folder', async () => {
    const s = await start();
    const cookie = cookieOf(await get(s.url));
    expect((await get(`${s.origin}/..%2f..%2fetc%2fpasswd`, { cookie })).status).toBe(404);
  });

  it('carries contract calls over the WebSocket and refuses other origins and missing cookies', async () => {
    const s = await start();
    const cookie = cookieOf(await get(s.url));
    const wsUrl = `ws://127.0.0.1:${s.port}/ws`;

    const refused = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    expect(await refused({ cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await refused({ origin: s.origin })).toBe(401);

    const ws = new WebSocket(wsUrl, { headers: { cookie, origin: s.origin } });
    await new Promise((resolve) => ws.once('open', resolve));
    const replies: unknown[] = [];
    const next = () => new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
    ws.send('not json');
    replies.push(await next());
    ws.send(JSON.stringify({ id: 1, channel: 'tallychat:appInfo', payload: { bad: true } }));
    replies.push(await next());
    ws.send(JSON.stringify({ id: 2, channel: 'tallychat:appInfo', payload: {} }));
    replies.push(await next());
    ws.close();
    expect(replies[0]).toMatchObject({ kind: 'result', id: null, result: { ok: false, error: { code: 'invalid_request' } } });
    expect(replies[1]).toMatchObject({ kind: 'result', id: 1, result: { ok: false, error: { code: 'invalid_request' } } });
    expect(replies[2]).toMatchObject({ kind: 'result', id: 2, result: { ok: true, value: { version: '9.9.9', host: 'web' } } });
  });
});
