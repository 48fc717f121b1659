import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Serves the same renderer bundle the desktop app loads. The only change to index.html is the
 * bridge script, placed before the app's module so `window.tallychat` exists when the app starts.
 * The caller decodes the path (a malformed one is its 400, not our 500).
 */
export async function serveRendererFile(rendererDir: string, decodedPath: string, response: ServerResponse): Promise<void> {
  const relative = decodedPath === '/' ? 'index.html' : decodedPath.replace(/^\/+/, '');
  const file = normalize(join(rendererDir, relative));
  if (!file.startsWith(rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep)) {
    return sendText(response, 404, 'Not found');
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return sendText(response, 404, 'Not found');
  }
  if (relative === 'index.html') {
    body = Buffer.from(
      body.toString('utf8').replace('<script type="module"', '<script type="module" src="./web-bridge.js"></script>\n    <script type="module"'),
    );
  }
  response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  response.end(body);
}

export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(text);
}

/** The answer to a sign-in link: the session cookie, and the address without the spent token. */
export function sendSignedIn(response: ServerResponse, location: string, cookie: string): void {
  response.writeHead(303, { ...SECURITY_HEADERS, 'Set-Cookie': cookie, Location: location });
  response.end();
}
