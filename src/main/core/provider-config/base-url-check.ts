import { isIP } from 'node:net';

export type BaseUrlCheck = { ok: true; url: string; warning: string | null } | { ok: false; error: string };

/**
 * A provider's base URL is where its key is sent: only http and https, no credentials or query
 * in it (the URL is stored in plain text in the database), and a warning for plain http to a
 * host that is not this machine, because the key would cross the network unencrypted.
 */
export function checkBaseUrl(text: string): BaseUrlCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'Enter the base URL, like https://api.example.com/v1.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, error: `"${clip(trimmed)}" is not a URL. Write it in full, like https://api.example.com/v1.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: `Use an http:// or https:// address; ${url.protocol.replace(/:$/, '')}: is not allowed for a provider.` };
  }
  if (!url.hostname) return { ok: false, error: 'The base URL needs a host name.' };
  if (url.username || url.password) {
    return { ok: false, error: 'Remove the user name and password from the URL; put the API key in the API key field.' };
  }
  if (url.search || url.hash) {
    return { ok: false, error: 'Remove the ?query or #fragment from the URL; put the API key in the API key field.' };
  }
  const normalized = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  const warning =
    url.protocol === 'http:' && !isLoopbackHost(url.hostname)
      ? `This address uses plain http: your API key and messages would travel unencrypted to ${url.hostname}. Use https unless you trust every network in between.`
      : null;
  return { ok: true, url: normalized, warning };
}

/** Loopback only: a private-network address still crosses a network someone else may watch. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:127\./.test(host) || /^::ffff:7f/.test(host);
  return false;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
