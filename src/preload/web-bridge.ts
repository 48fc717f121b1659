/**
 * Browser mode's stand-in for the Electron preload: the same `window.tallychat` API, carried over
 * one WebSocket to the local server, which validates every message with the same contract.
 */
import type { IpcResult, TallychatEvent } from '../shared/contract';
import { buildApi } from './build-api';

type ServerMessage =
  | { kind: 'result'; id: number; result: IpcResult<unknown> }
  | { kind: 'event'; event: TallychatEvent };

const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const socket = new WebSocket(socketUrl);
const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const listeners = new Set<(event: TallychatEvent) => void>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as ServerMessage;
  if (data.kind === 'result') {
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  } else {
    for (const listener of listeners) listener(data.event);
  }
});

socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({
      ok: false,
      error: { code: 'internal', message: 'Lost the connection to the Tallychat server. Is `tallychat ui` still running?', retryable: true },
    });
  }
  pending.clear();
});

const api = buildApi(
  async (channel, payload) => {
    await opened;
    const id = nextId++;
    return new Promise<IpcResult<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, payload }));
    });
  },
  (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
);

Object.defineProperty(window, 'tallychat', { value: api, writable: false, configurable: false });
