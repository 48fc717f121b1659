import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/app/create-core';
import { decodePath, hasOneHostHeader, requestUrl } from './request-guards';
import { SignInSessions, SIGN_IN_LINK_TTL_MS } from './sign-in-sessions';
import { sendSignedIn, sendText, serveRendererFile } from './static-renderer';
import { allowedHosts, isAllowedHost, isAllowedOrigin, readCookie, sessionCookie, sessionCookieName } from './web-auth';
import { serveSocket, type ServerMessage } from './websocket-bridge';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachments';

export interface WebServerOptions {
  core: Core;
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed only by tests that need to know it in advance; normally a fresh one per start. */
  token?: string;
}

export interface RunningWebServer {
  /** The first sign-in link: its token works once, within a few minutes. */
  url: string;
  origin: string;
  /** The first link's token. */
  token: string;
  port: number;
  /** A fresh one-time sign-in link, for a second browser or after the first one expired. */
  signInUrl(): string;
  close(): Promise<void>;
}

/** The largest call is a file at its limit, as base64 (4 characters per 3 bytes), with room for its envelope. */
export const MAX_MESSAGE_BYTES = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 1024 * 1024;
const UNAUTHORIZED =
  `Unauthorized: open a sign-in link from \`tallychat ui\`. Each link works once, within ${SIGN_IN_LINK_TTL_MS / 60_000} minutes; ` +
  'press Enter in its terminal for a new one.';

/** Browser mode: the renderer and the contract over one WebSocket, on loopback by default. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const host = options.host ?? '127.0.0.1';
  const sessions = new SignInSessions();
  let hosts = new Set<string>();
  let cookieName = '';
  let port = 0;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const connections = new Set<Socket>();

  const server = createServer((request, response) => {
    // A client that resets mid-request must not become an unhandled 'error' event.
    request.on('error', () => response.destroy());
    response.on('error', () => response.destroy());
    void handleHttp(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}`);
      else response.destroy();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!hasOneHostHeader(request)) return sendText(response, 400, 'Bad request: a request needs exactly one Host header.');
    if (!isAllowedHost(request.headers.host, hosts)) return sendText(response, 403, 'Forbidden: unexpected Host header.');
    const url = requestUrl(request);
    const path = url && decodePath(url.pathname);
    if (url === undefined || path === undefined) return sendText(response, 400, 'Bad request: the path is not valid percent-encoding.');
    const secret = sessions.redeem(url.searchParams.get('token'));
    if (secret !== undefined) {
      // Trade the one-time token for a session secret and drop it from the address bar (and from history).
      url.searchParams.delete('token');
      return sendSignedIn(response, url.pathname + url.search, sessionCookie(port, secret));
    }
    if (!sessions.isSession(readCookie(request, cookieName))) return sendText(response, 401, UNAUTHORIZED);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed', { Allow: 'GET' });
    await serveRendererFile(options.rendererDir, path, response);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    // The refusal below may meet a connection the client has already reset (ECONNRESET, EPIPE).
    socket.on('error', () => socket.destroy());
    const refuse = (status: number, text: string) => {
      if (socket.writable) socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    };
    if (!hasOneHostHeader(request)) return refuse(400, 'Bad Request');
    if (!isAllowedHost(request.headers.host, hosts)) return refuse(403, 'Forbidden');
    if (!isAllowedOrigin(request.headers.origin, request.headers.host)) return refuse(403, 'Forbidden');
    if (!sessions.isSession(readCookie(request, cookieName))) return refuse(401, 'Unauthorized');
    if (requestUrl(request)?.pathname !== '/ws') return refuse(404, 'Not Found');
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.core.dispatch));
  });

  // A malformed request line or header: answer 400 if the connection still takes it.
  server.on('clientError', (_error: Error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
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
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  cookieName = sessionCookieName(port);
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostForUrl}:${port}`;
  const token = sessions.issueLinkToken(options.token);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    port,
    signInUrl: () => `${origin}/?token=${sessions.issueLinkToken()}`,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
