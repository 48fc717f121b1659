import type { IncomingMessage } from 'node:http';

/**
 * RFC 9112 §3.2: a request with more than one Host field is invalid. Node keeps the first and
 * drops the rest, so a proxy reading the last one and this server would disagree: count them.
 */
export function hasOneHostHeader(request: Pick<IncomingMessage, 'rawHeaders'>): boolean {
  let count = 0;
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    if (request.rawHeaders[i]!.toLowerCase() === 'host') count += 1;
  }
  return count === 1;
}

/** The decoded path, or undefined when its percent-encoding is malformed (`/%`, `/%E0%A4%A`). */
export function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/** The path and query of a request target, or undefined for one no URL parser accepts. */
export function requestUrl(request: Pick<IncomingMessage, 'url'>): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://request.invalid');
  } catch {
    return undefined;
  }
}
