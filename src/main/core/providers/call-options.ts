import { defaultQuirks } from './endpoint-quirks';
import type { CallOptions, EndpointQuirks } from './provider-types';

export interface ResolvedCallOptions {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  quirks: EndpointQuirks;
  fetch: typeof fetch;
}

export function resolveCallOptions(options: CallOptions): ResolvedCallOptions {
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    quirks: options.quirks ?? defaultQuirks,
    // Looked up per call, not captured at import, so a test's or host's global fetch applies.
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  };
}
