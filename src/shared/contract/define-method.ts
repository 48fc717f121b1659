import type { z } from 'zod';

/**
 * One method of the contract: the zod schema every host validates the request with, and the
 * response type (types only: responses come from our own main process).
 */
export interface MethodSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom field carrying the response type; never set or read at run time. */
  response?: () => Res;
}

export function method<Res>() {
  return <Req extends z.ZodType>(request: Req): MethodSpec<Req, Res> => ({ request });
}
