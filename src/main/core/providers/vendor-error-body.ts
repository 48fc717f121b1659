import { firstObject, isObject, objectAt, stringAt, tryParseJson } from './json-guards';
import { cutRedacted } from './secret-redaction';

export interface VendorErrorDetail {
  /** The vendor's own words, or a readable snippet of a body that is not JSON. */
  message: string | undefined;
  /** OpenAI/Anthropic `error.type`, Gemini `error.status`. */
  type: string | undefined;
  /** Gemini answers a bad key with 400 INVALID_ARGUMENT; its ErrorInfo reason says what it is. */
  keyRejected: boolean;
}

const MAX_MESSAGE_CHARS = 500;

/**
 * Reads an error body in any of the shapes we meet: OpenAI `{error:{message,type,code}}`,
 * Anthropic `{type:'error', error:{type,message}}`, Gemini `{error:{code,message,status,details}}`
 * (sometimes wrapped in an array), Ollama `{error:"..."}`, vLLM/FastAPI `{message}` / `{detail}`.
 * `redact` runs before the message is cut to length: cut first, and a key's prefix would survive.
 */
export function readVendorError(bodyText: string, redact: (text: string) => string = (text) => text): VendorErrorDetail {
  const clip = (text: string | undefined) => (text ? cutRedacted(redact(text), MAX_MESSAGE_CHARS) : undefined);
  const parsed = tryParseJson(bodyText);
  const body = parsed && (Array.isArray(parsed.value) ? firstObject(parsed.value) : parsed.value);
  if (!isObject(body)) return { message: clip(snippetOf(bodyText)), type: undefined, keyRejected: false };

  const error = objectAt(body, 'error');
  if (error) {
    const details = Array.isArray(error.details) ? error.details : [];
    return {
      message: clip(stringAt(error, 'message')),
      type: stringAt(error, 'type') ?? stringAt(error, 'status'),
      keyRejected: details.some((d) => isObject(d) && d.reason === 'API_KEY_INVALID'),
    };
  }
  const text = stringAt(body, 'error') ?? stringAt(body, 'message') ?? stringAt(body, 'detail');
  return { message: clip(text) ?? clip(snippetOf(bodyText)), type: stringAt(body, 'type'), keyRejected: false };
}

/** A proxy's HTML error page says the most in its title; other text is collapsed and cut. */
function snippetOf(text: string): string {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  return (title ?? text).replace(/\s+/g, ' ').trim();
}
