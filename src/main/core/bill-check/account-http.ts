import { redactText } from '../providers/secret-redaction';
import type { AccountEndpoint } from './bill-types';

/** A person is waiting on "Check now": fail in seconds rather than hang. */
const ACCOUNT_CALL_TIMEOUT_MS = 20_000;
/** A vendor's error text is shown to the user; a body longer than this is cut. */
const MAX_ERROR_CHARS = 300;

/**
 * A bill-check call that failed, with a message a user can act on ("OpenAI rejected the admin key
 * (401): Invalid API key"). Nothing is stored when a fetch throws this.
 */
export class BillFetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** `${baseUrl}${path}` with query parameters; arrays repeat their key, as every vendor here reads them. */
export function accountUrl(baseUrl: string, path: string, query: Record<string, string | number | readonly string[] | undefined>): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, item);
    else url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** GET a JSON document from an account API; any failure becomes a BillFetchError naming the vendor. */
export async function getAccountJson(
  endpoint: AccountEndpoint,
  url: string,
  headers: Record<string, string>,
  what: string,
): Promise<unknown> {
  const redact = (text: string) => redactText([endpoint.key], text);
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(ACCOUNT_CALL_TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? 'no answer in 20 s' : (causeOf(error) ?? error.message)) : String(error);
    throw new BillFetchError(`Could not reach ${endpoint.displayName}'s ${what} at ${redact(url)}: ${redact(reason)}. Check the provider's base URL and your connection.`, null);
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = redact(vendorMessage(text) ?? (text.trim().slice(0, MAX_ERROR_CHARS) || response.statusText));
    throw new BillFetchError(`${endpoint.displayName} ${refusal(response.status, what, endpoint.keyName)} (${response.status}): ${detail}`, response.status);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BillFetchError(`${endpoint.displayName}'s ${what} answered with something that is not JSON: ${redact(text.slice(0, 80))}`, response.status);
  }
}

function refusal(status: number, what: string, keyName: string): string {
  if (status === 401) return `rejected the ${keyName}`;
  if (status === 403) return `refused the ${keyName} access to its ${what}`;
  if (status === 404) return `has no ${what} at this address`;
  if (status === 429) return `is limiting requests to its ${what}; try again in a minute`;
  return `could not answer its ${what}`;
}

/** `{"error": {"message": …}}` (OpenAI, Anthropic, OpenRouter, DeepSeek) or `{"error": "…"}`. */
function vendorMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const error = (parsed as { error?: unknown }).error;
    if (typeof error === 'string') return error.slice(0, MAX_ERROR_CHARS);
    if (error !== null && typeof error === 'object') {
      const message = (error as { message?: unknown }).message;
      if (typeof message === 'string') return message.slice(0, MAX_ERROR_CHARS);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function causeOf(error: Error): string | undefined {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? cause.message : undefined;
}
