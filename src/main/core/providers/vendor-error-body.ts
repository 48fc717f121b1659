import { firstObject, isObject, objectAt, stringAt, tryParseJson } from './json-guards';

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
 */
export function readVendorError(bodyText: string): VendorErrorDetail {
  const parsed = tryParseJson(bodyText);
  const body = parsed && (Array.isArray(parsed.value) ? firstObject(parsed.value) : parsed.value);
  if (!isObject(body)) return { message: snippetOf(bodyText), type: undefined, keyRejected: false };

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
  return { message: clip(text) ?? snippetOf(bodyText), type: stringAt(body, 'type'), keyRejected: false };
}

/** A proxy's HTML error page says the most in its title; other text is collapsed and cut. */
function snippetOf(text: string): string | undefined {
  const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
  return clip((title ?? text).replace(/\s+/g, ' ').trim());
}

function clip(text: string | undefined): string | undefined {
  if (!text) return undefined;
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
