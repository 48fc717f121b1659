import { METHOD_NAMES, channelOf, type TallychatApi, type TallychatEvent } from '../shared/contract';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
export type Subscribe = (listener: (event: TallychatEvent) => void) => () => void;

/**
 * Builds `window.tallychat` from the contract's method list, for preload (Electron IPC) and the
 * browser-mode bridge (WebSocket) alike: exactly the contract's methods, no generic passthrough.
 */
export function buildApi(invoke: Invoke, subscribe: Subscribe): TallychatApi {
  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) {
    const channel = channelOf(method);
    api[method] = (request: unknown) => invoke(channel, request);
  }
  api.onEvent = subscribe;
  return Object.freeze(api) as TallychatApi;
}
