import type { WireRequest } from './adapter-types';
import type { CallControl } from './call-control';
import type { ResolvedCallOptions } from './call-options';
import { httpStatusError, networkError, type ErrorContext, type NotFoundSubject } from './error-factory';
import { ProviderError } from './provider-error';
import { isRetryable, parseRetryAfter, retryDelayMs } from './retry-policy';

export interface Transport {
  ctx: ErrorContext;
  control: CallControl;
  options: ResolvedCallOptions;
  /** What a 404 means for this request. */
  subject: NotFoundSubject;
}

/**
 * Sends until a 2xx answer's headers arrive, retrying rate limits, server errors and failed
 * connections with backoff. Only this stage retries: once a body starts, a failure is final,
 * since the provider has begun (and billed) the work. Throws the last ProviderError, or
 * whatever the abort surfaced when the call was stopped (control.cause says why).
 */
export async function sendWithRetry(wire: WireRequest, transport: Transport): Promise<Response> {
  const { control, options } = transport;
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(wire, transport);
    if (!(outcome instanceof ProviderError)) return outcome;
    if (!isRetryable(outcome) || attempt >= options.maxRetries) throw outcome;
    const delay = retryDelayMs(attempt, outcome.retryAfterMs, options.retryBaseDelayMs, options.maxRetryDelayMs);
    await control.sleep(delay);
  }
}

async function attemptOnce(wire: WireRequest, transport: Transport): Promise<Response | ProviderError> {
  const { control, options, ctx } = transport;
  try {
    // The connect timer covers an error answer's body too: it is small and part of "answering".
    return await control.within(options.connectTimeoutMs, 'connect-timeout', async () => {
      const response = await options.fetch(wire.url, {
        method: wire.method,
        headers: wire.headers,
        ...(wire.body !== undefined ? { body: wire.body } : {}),
        signal: control.signal,
      });
      if (response.ok) return response;
      const body = await response.text();
      return httpStatusError(ctx, response.status, body, parseRetryAfter(response.headers), transport.subject);
    });
  } catch (error) {
    if (control.cause !== undefined) throw error;
    return networkError(ctx, error);
  }
}
