import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/app/create-core';
import {
  SESSION_COOKIE,
  allowedHosts,
  isAllowedHost,
  isAllowedOrigin,
  newAccessToken,
  readCookie,
  sessionCookie,
  tokensEqual,
} from './web-auth';
import { sendText, serveRendererFile } from './static-renderer';
import { serveSocket, type ServerMessage } from './websocket-bridge';

export interface WebServerOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed only by tests that need to know it in advance; normally a fresh one per start. */
  token?: string;
}

export interface RunningWebServer {
  /** The URL to open: it carries the access token, exchanged for a cookie on first load. */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Browser mode: the renderer and the contract over one WebSocket, on loopback by default. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newAccessToken();
  let hosts = new Set<string>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const connections = new Set<Socket>();

  const server = createServer((request, response) => {
    void handleHttp(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`);
      else response.destroy();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, hosts)) return sendText(response, 403, 'Forbidden: unexpected Host header.');
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const urlToken = url.searchParams.get('token') ?? undefined;
    if (tokensEqual(urlToken, token)) {
      // Trade the token for a cookie and drop it from the address bar (and from history).
      url.searchParams.delete('token');
      response.writeHead(303, { 'Set-Cookie': sessionCookie(token), Location: url.pathname + url.search, 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    if (!tokensEqual(readCookie(request, SESSION_COOKIE), token)) {
      return sendText(response, 401, 'Unauthorized: open the URL that `tallychat ui` printed.');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed', { Allow: 'GET' });
    await serveRendererFile(options.rendererDir, url.pathname, response);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!isAllowedHost(request.headers.host, hosts)) return refuse(403, 'Forbidden');
    if (!isAllowedOrigin(request.headers.origin, request.headers.host)) return refuse(403, 'Forbidden');
    if (!tokensEqual(readCookie(request, SESSION_COOKIE), token)) return refuse(401, 'Unauthorized');
    if (new URL(request.url ?? '/', 'http://x').pathname !== '/ws') return refuse(404, 'Not Found');
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.core.dispatch));
  });

  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  const unsubscribe = options.core.events.subscribe((event) => {
    const text = JSON.stringify({ kind: 'event', event } satisfies ServerMessage);
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostForUrl}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
