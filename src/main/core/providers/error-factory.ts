import { ProviderError, type ProviderErrorCode } from './provider-error';
import type { ProviderEndpoint } from './provider-types';
import { cutRedacted, redactText } from './secret-redaction';
import { readVendorError } from './vendor-error-body';

/** Who failed and which strings must never appear in what we tell the user. */
export interface ErrorContext {
  provider: string;
  /** The base URL as shown to the user: no credentials, no query. */
  shownUrl: string;
  secrets: readonly string[];
}

/** 404 from a chat call means the model; from a listing it means a wrong base URL. */
export type NotFoundSubject = 'model' | 'endpoint';

const CREDENTIAL_HEADER = /auth|key|token|secret|cookie/i;
const MIN_SECRET_CHARS = 4;
/** Enough of a bad event or page to recognise it, not a screenful. */
const PREVIEW_CHARS = 160;

export function errorContext(endpoint: ProviderEndpoint): ErrorContext {
  const headerSecrets = Object.entries(endpoint.extraHeaders ?? {})
    .filter(([name]) => CREDENTIAL_HEADER.test(name))
    .map(([, value]) => value.replace(/^Bearer\s+/i, ''));
  const secrets = [endpoint.apiKey ?? '', ...headerSecrets, ...urlSecrets(endpoint.baseUrl)].filter(
    (s) => s.length >= MIN_SECRET_CHARS,
  );
  return { provider: endpoint.displayName, shownUrl: shownUrl(endpoint.baseUrl), secrets };
}

/** A base URL may carry a password or a token in its query; neither may reach a message. */
function urlSecrets(baseUrl: string): string[] {
  try {
    const url = new URL(baseUrl);
    return [url.password, safeDecode(url.password), ...url.searchParams.values()];
  } catch {
    return [];
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function httpStatusError(
  ctx: ErrorContext,
  status: number,
  bodyText: string,
  retryAfterMs: number | undefined,
  subject: NotFoundSubject,
): ProviderError {
  const detail = readVendorError(bodyText, (text) => redact(ctx, text));
  const code = detail.keyRejected ? 'auth' : codeForStatus(status);
  const retry = code === 'rate_limit' && retryAfterMs !== undefined ? `; retry after ${seconds(retryAfterMs)} s` : '';
  return build(ctx, code, `${headline(code, subject)} (${status})`, detail.message, retry, status, retryAfterMs);
}

/** An error the vendor reported inside a stream that had started well (no HTTP status then). */
export function streamedVendorError(
  ctx: ErrorContext,
  report: { status?: number | undefined; type?: string | undefined; message?: string | undefined },
): ProviderError {
  const code = report.status !== undefined ? codeForStatus(report.status) : codeForType(report.type);
  const label = report.status ?? report.type;
  const head = label === undefined ? headline(code, 'model') : `${headline(code, 'model')} (${label})`;
  return build(ctx, code, head, report.message, '', report.status, undefined);
}

export function networkError(ctx: ErrorContext, error: unknown): ProviderError {
  return plain(ctx, 'network', `Could not reach ${ctx.provider} at ${ctx.shownUrl}: ${networkReason(error)}`);
}

export function connectTimeoutError(ctx: ErrorContext, ms: number): ProviderError {
  return plain(ctx, 'timeout', `${ctx.provider} did not answer within ${seconds(ms)} s`);
}

export function idleTimeoutError(ctx: ErrorContext, ms: number): ProviderError {
  return plain(ctx, 'timeout', `${ctx.provider} stopped sending for ${seconds(ms)} s`);
}

export function truncatedError(ctx: ErrorContext, bytes: number): ProviderError {
  return plain(ctx, 'truncated', `${ctx.provider} stream ended before it finished (truncated after ${bytes} bytes)`);
}

export function malformedEventError(ctx: ErrorContext, data: string): ProviderError {
  return plain(ctx, 'protocol', `${ctx.provider} sent a malformed event (not valid JSON): ${preview(ctx, data)}`);
}

export function unexpectedEventError(ctx: ErrorContext, data: string): ProviderError {
  return plain(ctx, 'protocol', `${ctx.provider} sent an event of an unexpected shape: ${preview(ctx, data)}`);
}

export function notAnEventStreamError(ctx: ErrorContext, text: string): ProviderError {
  return plain(ctx, 'protocol', `${ctx.provider} sent something that is not an event stream: ${preview(ctx, text)}`);
}

export function oversizedEventError(ctx: ErrorContext, maxChars: number): ProviderError {
  const mib = Math.round(maxChars / (1024 * 1024));
  return plain(ctx, 'protocol', `${ctx.provider} sent an event larger than ${mib} MiB`);
}

/** A bug of ours surfaced as an error part, so callProvider still never throws. */
export function unexpectedError(ctx: ErrorContext, error: unknown): ProviderError {
  const why = error instanceof Error ? error.message : String(error);
  return plain(ctx, 'protocol', `${ctx.provider} call failed unexpectedly: ${why}`);
}

export function redact(ctx: ErrorContext, text: string): string {
  return redactText(ctx.secrets, text);
}

function build(
  ctx: ErrorContext,
  code: ProviderErrorCode,
  head: string,
  vendorText: string | undefined,
  tail: string,
  status: number | undefined,
  retryAfterMs: number | undefined,
): ProviderError {
  const vendorMessage = vendorText === undefined ? undefined : redact(ctx, vendorText);
  const message = `${ctx.provider} ${head}${vendorMessage ? `: ${vendorMessage}` : ''}${tail}`;
  return new ProviderError({
    code,
    provider: ctx.provider,
    message: redact(ctx, message),
    ...(status !== undefined ? { status } : {}),
    ...(vendorMessage !== undefined ? { vendorMessage } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function plain(ctx: ErrorContext, code: ProviderErrorCode, message: string): ProviderError {
  return new ProviderError({ code, provider: ctx.provider, message: redact(ctx, message) });
}

function codeForStatus(status: number): ProviderErrorCode {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limit';
  return status >= 500 ? 'server' : 'bad_request';
}

/** Anthropic's error types, OpenAI Responses' codes and Google's canonical statuses, as they appear mid-stream. */
const CODE_FOR_TYPE: Readonly<Record<string, ProviderErrorCode>> = {
  authentication_error: 'auth',
  permission_error: 'forbidden',
  not_found_error: 'not_found',
  rate_limit_error: 'rate_limit',
  invalid_request_error: 'bad_request',
  rate_limit_exceeded: 'rate_limit',
  insufficient_quota: 'rate_limit',
  invalid_prompt: 'bad_request',
  UNAUTHENTICATED: 'auth',
  PERMISSION_DENIED: 'forbidden',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  INVALID_ARGUMENT: 'bad_request',
};

function codeForType(type: string | undefined): ProviderErrorCode {
  return (type !== undefined && CODE_FOR_TYPE[type]) || 'server';
}

function headline(code: ProviderErrorCode, subject: NotFoundSubject): string {
  switch (code) {
    case 'auth':
      return 'rejected the key';
    case 'forbidden':
      return 'refused access';
    case 'not_found':
      return `says ${subject} not found`;
    case 'rate_limit':
      return 'rate limit or quota';
    case 'timeout':
      return 'timed out';
    case 'server':
      return 'server error';
    default:
      return 'rejected the request';
  }
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ERR_INVALID_URL: 'not a valid URL',
};

/** undici wraps the socket error: TypeError('fetch failed') → cause (maybe an AggregateError). */
function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = errorCode(current);
    if (code !== undefined) {
      if (/^(CERT_|ERR_TLS|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY)/.test(code)) {
        return `TLS certificate not accepted (${code})`;
      }
      const reason = NETWORK_REASONS[code];
      if (reason) return reason;
    }
    const inner: unknown = current.cause ?? (current instanceof AggregateError ? current.errors[0] : undefined);
    if (!(inner instanceof Error)) return current.message;
    current = inner;
  }
  return String(error);
}

function errorCode(error: Error): string | undefined {
  const code: unknown = (error as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function shownUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return baseUrl;
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? String(Math.ceil(ms / 1000)) : String(Math.round(ms / 100) / 10);
}

function preview(ctx: ErrorContext, text: string): string {
  return cutRedacted(redact(ctx, text).replace(/\s+/g, ' ').trim(), PREVIEW_CHARS);
}
