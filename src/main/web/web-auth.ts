import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function tokensEqual(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function readCookie(request: Pick<IncomingMessage, 'headers'>, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Cookies are not scoped by port: every service on 127.0.0.1 sees them. Naming the cookie after
 * the port keeps a second `tallychat ui` from overwriting the first one's session.
 */
export function sessionCookieName(port: number): string {
  return `tallychat_session_${port}`;
}

export function sessionCookie(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The Host header names this server and nothing else. A DNS-rebinding page reaches us under
 * its own host name, so anything but the bound address (or a loopback name, when bound to
 * loopback) with our port is refused.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const hosts = new Set([`${formatHost(boundHost)}:${port}`]);
  if (LOOPBACK_HOSTS.has(formatHost(boundHost))) {
    for (const host of LOOPBACK_HOSTS) hosts.add(`${host}:${port}`);
  }
  return hosts;
}

export function isAllowedHost(hostHeader: string | undefined, allowed: Set<string>): boolean {
  return hostHeader !== undefined && allowed.has(hostHeader.toLowerCase());
}

/** A WebSocket upgrade must come from a page this server served: same scheme, host and port. */
export function isAllowedOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (!originHeader || !hostHeader) return false;
  return originHeader.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}

function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
