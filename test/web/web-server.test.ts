import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import { SECURITY_HEADERS } from '../../src/main/web/static-renderer';
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
  it('trades the URL token for a separate session secret in an HttpOnly SameSite=Strict cookie named for the port', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const first = await get(s.url);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = (first.headers['set-cookie'] as string[])[0]!;
    expect(setCookie).toMatch(new RegExp(`^tallychat_session_${s.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`));
    expect(setCookie).not.toContain(s.token);
    const page = await get(`${s.origin}/`, { cookie: cookieOf(first) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="./web-bridge.js"></script>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('a sign-in link works once: opened again it answers 401, and its token is no cookie', async () => {
    const s = await start();
    expect((await get(s.url)).status).toBe(303);
    const again = await get(s.url);
    expect(again.status).toBe(401);
    expect(again.body).toBe(
      'Unauthorized: open a sign-in link from `tallychat ui`. Each link works once, within 5 minutes; press Enter in its terminal for a new one.',
    );
    expect((await get(`${s.origin}/`, { cookie: `tallychat_session_${s.port}=${s.token}` })).status).toBe(401);
    expect((await get(`${s.origin}/`, { cookie: `tallychat_session=${s.token}` })).status).toBe(401);
    const fresh = s.signInUrl();
    expect(fresh).not.toBe(s.url);
    expect((await get(fresh)).status).toBe(303);
  });

  it('gives the 303 sign-in answer the same security headers as every page', async () => {
    const s = await start();
    const first = await get(s.url);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(first.headers[name.toLowerCase()]).toBe(value);
  });

  it('two servers set two cookies: signing in to the second leaves the first one\'s session working', async () => {
    const a = await start();
    const otherCore = createCore({ dataDir: tempDir(), appVersion: '9.9.9', host: 'web' });
    const b = await startWebServer({ core: otherCore, rendererDir: join(tempDir(), 'none') });
    try {
      const cookieA = cookieOf(await get(a.url));
      const cookieB = cookieOf(await get(b.url));
      expect(cookieA.split('=')[0]).toBe(`tallychat_session_${a.port}`);
      expect(cookieB.split('=')[0]).toBe(`tallychat_session_${b.port}`);
      // A browser keeps both cookies for 127.0.0.1 and sends both to each port.
      expect((await get(`${a.origin}/`, { cookie: `${cookieA}; ${cookieB}` })).status).toBe(200);
    } finally {
      await b.close();
      await otherCore.close();
    }
  });

  it('answers 401 without the token or cookie, and for a wrong one', async () => {
    const s = await start();
    expect((await get(`${s.origin}/`)).status).toBe(401);
    expect((await get(`${s.origin}/app.js`)).status).toBe(401);
    expect((await get(`${s.origin}/?token=wrong`)).status).toBe(401);
    expect((await get(`${s.origin}/`, { cookie: `tallychat_session_${s.port}=wrong` })).status).toBe(401);
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
