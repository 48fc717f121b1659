/**
 * Every call across the boundary answers `{ok: true, value}` or `{ok: false, error}`: a renderer
 * never sees a thrown Error lose its fields in structured cloning, and never waits on a crash.
 */
export const IPC_ERROR_CODES = [
  'invalid_request',
  'unknown_method',
  'forbidden',
  'not_found',
  'conflict',
  'budget_exceeded',
  'provider_error',
  /** Browser mode: the page could not reach the local server (stopped, or restarting). */
  'disconnected',
  'internal',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  retryable: boolean;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** A typed exception a handler throws on purpose; the dispatcher turns it into an IpcError. */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toIpcError(): IpcError {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}
