/**
 * Browser mode's stand-in for the Electron preload: the same `window.tallychat` API, carried over
 * one WebSocket to the local server, which validates every message with the same contract. The
 * link comes back by itself when the server does; a call made while it is down answers with a
 * typed `disconnected` error within seconds instead of waiting forever.
 */
import type { IpcResult, TallychatEvent } from '../shared/contract';
import type { ClientMessage, ServerMessage } from '../shared/contract/web-messages';
import { buildApi } from './build-api';

/** Waits between reconnection attempts: quick at first, then every two seconds. */
const RECONNECT_DELAYS_MS = [200, 500, 1000, 2000];
/** How long a call waits for the link to come back before it fails (well inside five seconds). */
const CONNECT_WAIT_MS = 3000;

const DISCONNECTED: IpcResult<never> = {
  ok: false,
  error: {
    code: 'disconnected',
    message: 'Lost the connection to the Tallychat server. Is `tallychat ui` still running? The page reconnects by itself.',
    retryable: true,
  },
};

const socketUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const listeners = new Set<(event: TallychatEvent) => void>();
const waitingForOpen = new Set<() => void>();
let socket: WebSocket | undefined;
let failedAttempts = 0;
let everOpened = false;
let nextId = 1;

function connect(): void {
  const ws = new WebSocket(socketUrl);
  socket = ws;
  ws.addEventListener('open', () => {
    failedAttempts = 0;
    for (const wake of waitingForOpen) wake();
    waitingForOpen.clear();
    if (everOpened) deliver({ type: 'host.reconnected' });
    everOpened = true;
  });
  ws.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as ServerMessage;
    if (data.kind === 'event') return deliver(data.event);
    if (data.id === null) return;
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  });
  ws.addEventListener('close', () => {
    // Calls this link carried will get no answer: each fails now, typed, and may be retried.
    for (const resolve of pending.values()) resolve(DISCONNECTED);
    pending.clear();
    const delay = RECONNECT_DELAYS_MS[Math.min(failedAttempts, RECONNECT_DELAYS_MS.length - 1)]!;
    failedAttempts += 1;
    setTimeout(connect, delay);
  });
}

function deliver(event: TallychatEvent): void {
  for (const listener of listeners) listener(event);
}

/** The open link, or undefined when it did not come back within CONNECT_WAIT_MS. */
function openSocket(): Promise<WebSocket | undefined> {
  if (socket?.readyState === WebSocket.OPEN) return Promise.resolve(socket);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve(socket);
    };
    const timer = setTimeout(() => {
      waitingForOpen.delete(wake);
      resolve(undefined);
    }, CONNECT_WAIT_MS);
    waitingForOpen.add(wake);
  });
}

connect();

const api = buildApi(
  async (channel, payload) => {
    const ws = await openSocket();
    if (!ws) return DISCONNECTED;
    const id = nextId++;
    return new Promise<IpcResult<unknown>>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, payload } satisfies ClientMessage));
    });
  },
  (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
);

Object.defineProperty(window, 'tallychat', { value: api, writable: false, configurable: false });
