import type { TallychatEvent } from './events';
import type { IpcResult } from './ipc-result';

/**
 * Browser mode's wire format over its one WebSocket, declared once for both ends: the page's
 * bridge (src/preload/web-bridge.ts) and the server's (src/main/web/websocket-bridge.ts).
 */
export interface ClientMessage {
  id: number;
  /** `tallychat:<method>`, as the Electron IPC channels are named. */
  channel: string;
  payload: unknown;
}

export type ServerMessage =
  /** `id` is null when the message was not even a call envelope. */
  | { kind: 'result'; id: number | null; result: IpcResult<unknown> }
  | { kind: 'event'; event: TallychatEvent };
