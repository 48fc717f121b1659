/**
 * The one way a secret is removed from anything a vendor sent us before it is shown, logged or
 * stored: error messages, previews of bad events, and raw usage objects all go through here.
 */
export const REDACTED = '[redacted]';

const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]+@/gi;
/** A text cut off in the middle of a secret still must not show its first characters. */
const MIN_PARTIAL_CHARS = 4;

export function redactText(secrets: readonly string[], text: string): string {
  let out = text.replace(URL_USERINFO, '$1');
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const secret of secrets) {
    for (let length = Math.min(secret.length - 1, out.length); length >= MIN_PARTIAL_CHARS; length--) {
      if (out.endsWith(secret.slice(0, length))) {
        out = out.slice(0, out.length - length) + REDACTED;
        break;
      }
    }
  }
  return out;
}

/** A JSON value with every string in it (keys included) redacted; the shape is kept. */
export function redactPayload(secrets: readonly string[], value: unknown): unknown {
  if (typeof value === 'string') return redactText(secrets, value);
  if (Array.isArray(value)) return value.map((item) => redactPayload(secrets, item));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactText(secrets, key), redactPayload(secrets, item)]));
  }
  return value;
}

/** Cuts a text that was already redacted: redact first, then cut, or a key's prefix survives the cut. */
export function cutRedacted(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
