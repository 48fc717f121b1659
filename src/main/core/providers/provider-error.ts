import type { FailureCode } from '../../../shared/contract/events';

/** The codes are the contract's: a failure keeps its type when it crosses to the renderer. */
export type ProviderErrorCode = FailureCode;

/** What crosses IPC: enough for the renderer to show and to offer "try again". */
export interface ProviderErrorJson {
  code: ProviderErrorCode;
  message: string;
  retryable: boolean;
  status: number | undefined;
}

export interface ProviderErrorInit {
  code: ProviderErrorCode;
  /** The endpoint's display name. */
  provider: string;
  message: string;
  status?: number;
  vendorMessage?: string;
  retryAfterMs?: number;
}

/** Trying the same call again later may succeed; the others need the user to change something. */
const RETRYABLE_CODES: ReadonlySet<ProviderErrorCode> = new Set<ProviderErrorCode>([
  'rate_limit',
  'server',
  'network',
  'timeout',
  'truncated',
]);

/**
 * A provider call that failed, with a message the user can act on. Build it through
 * error-factory.ts, which composes the message and removes secrets from it.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly code: ProviderErrorCode;
  readonly provider: string;
  readonly status: number | undefined;
  readonly vendorMessage: string | undefined;
  readonly retryable: boolean;
  /** The server's Retry-After, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ProviderErrorInit) {
    super(init.message);
    this.code = init.code;
    this.provider = init.provider;
    this.status = init.status;
    this.vendorMessage = init.vendorMessage;
    this.retryable = RETRYABLE_CODES.has(init.code);
    this.retryAfterMs = init.retryAfterMs;
  }

  toJSON(): ProviderErrorJson {
    return { code: this.code, message: this.message, retryable: this.retryable, status: this.status };
  }
}
