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
