import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { ServerMessage } from '../../shared/contract/web-messages';
import type { Dispatch } from '../core/api/dispatcher';

const clientMessage = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().max(200),
  payload: z.unknown(),
});

export type { ServerMessage } from '../../shared/contract/web-messages';

/**
 * One browser tab's WebSocket: each message is a contract call carried to the same dispatcher
 * the Electron IPC uses. A message that is not even a call envelope gets a typed error too.
 */
export function serveSocket(socket: WebSocket, dispatch: Dispatch): void {
  // A malformed frame (bad UTF-8, opcode, RSV bits, close code, a frame over the size limit):
  // ws has already closed this socket with the matching close code (1002, 1007, 1009). The
  // listener keeps its 'error' event from ending the process that serves every other tab.
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => {
    void answer(isBinary ? null : data.toString()).then((reply) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
    });
  });

  async function answer(text: string | null): Promise<ServerMessage> {
    let json: unknown;
    try {
      json = text === null ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    const envelope = clientMessage.safeParse(json);
    if (!envelope.success) {
      return {
        kind: 'result',
        id: null,
        result: { ok: false, error: { code: 'invalid_request', message: 'Not a Tallychat call: expected {id, channel, payload}.', retryable: false } },
      };
    }
    const { id, channel, payload } = envelope.data;
    const method = channel.startsWith('tallychat:') ? channel.slice('tallychat:'.length) : channel;
    return { kind: 'result', id, result: await dispatch(method, payload) };
  }
}
