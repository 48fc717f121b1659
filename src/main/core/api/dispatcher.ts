import {
  AppError,
  contract,
  isMethodName,
  type IpcResult,
  type MethodName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../../shared/contract';
import type { z } from 'zod';

export type Handler<M extends MethodName> = (request: ParsedRequestOf<M>) => Promise<ResponseOf<M>> | ResponseOf<M>;
export type HandlerTable = { [M in MethodName]: Handler<M> };

export type Dispatch = (method: string, payload: unknown) => Promise<IpcResult<unknown>>;

export interface DispatcherOptions {
  /** Where unexpected failures are reported (the message a user sees stays generic). */
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The one entry for every host (Electron IPC, the browser-mode WebSocket, tests): checks the
 * method exists, validates the payload with the contract's zod schema, and always answers with
 * an IpcResult. It never rejects, so a malformed payload cannot take the main process down.
 */
/** Hosts pass the whole table; a partial one (tests, a host without some feature) answers the rest as unknown. */
export function createDispatcher(handlers: Partial<HandlerTable>, options: DispatcherOptions = {}): Dispatch {
  return async (method, payload) => {
    if (!isMethodName(method) || handlers[method] === undefined) {
      return fail('unknown_method', `Unknown method "${String(method).slice(0, 80)}".`);
    }
    const parsed = (contract[method].request as z.ZodType).safeParse(payload);
    if (!parsed.success) {
      return fail('invalid_request', `Invalid request for ${method}: ${describeIssues(parsed.error)}`);
    }
    try {
      const handler = handlers[method] as (request: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toIpcError() };
      options.onInternalError?.(method, error);
      return fail('internal', `${method} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

function fail(code: 'unknown_method' | 'invalid_request' | 'internal', message: string): IpcResult<never> {
  return { ok: false, error: { code, message, retryable: false } };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}
