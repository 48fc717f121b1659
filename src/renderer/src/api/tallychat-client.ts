import type { IpcError, MethodName, RequestOf, ResponseOf } from '../../../shared/contract';

/** A failed call, carrying the main side's typed error so screens can show its message as is. */
export class TallychatCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
    this.name = 'TallychatCallError';
  }
}

/** Calls one contract method and unwraps its result, throwing the typed error on failure. */
export async function call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  const invoke = window.tallychat[method] as (request: RequestOf<M>) => Promise<
    { ok: true; value: ResponseOf<M> } | { ok: false; error: IpcError }
  >;
  const result = await invoke(request);
  if (!result.ok) throw new TallychatCallError(result.error);
  return result.value;
}
