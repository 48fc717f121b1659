import { createCore, type Core } from '../core/app/create-core';
import { warmUpEncoder } from '../core/tokens/encodings';
import type { CoreStartOptions, ExportFileAnswer, FromCore, SecretAnswer, ToCore } from './core-protocol';
import { RelayedSecretStore } from './relayed-secret-store';

/** The part of Electron's `process.parentPort` the core uses (docs/api/parent-port.md). */
export interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

/**
 * The core as a process of its own: it opens the ledger when main says `start`, answers each
 * `call` through the core's one dispatcher (which validates every payload with the contract's
 * zod schemas: this is where payloads enter the core), streams its events back, and asks main
 * for a key only when a call needs one. `close` finalizes running answers as cancelled first.
 */
export function serveCore(port: ParentPortLike, exit: (code: number) => void): void {
  let core: Core | undefined;
  const secretWaits = new Map<number, (answer: SecretAnswer) => void>();
  let nextSecretId = 1;
  const send = (message: FromCore) => port.postMessage(message);
  // Let the last message leave before the process ends.
  const sendThenExit = (message: FromCore, code: number) => {
    send(message);
    setImmediate(() => exit(code));
  };
  // main's save dialog, asked for each export the core writes to a file.
  const exportFileWaits = new Map<number, (answer: ExportFileAnswer) => void>();
  let nextExportFileId = 1;
  const chooseExportFile = async (suggestedName: string): Promise<string | undefined> => {
    const id = nextExportFileId++;
    const answer = await new Promise<ExportFileAnswer>((resolve) => {
      exportFileWaits.set(id, resolve);
      send({ kind: 'export-file-request', id, suggestedName });
    });
    if (answer.status === 'failed') throw new Error(`The save dialog could not be shown: ${answer.message}`);
    return answer.status === 'chosen' ? answer.file : undefined;
  };

  function start(options: CoreStartOptions): void {
    const secrets = new RelayedSecretStore(options.secrets, (request) => {
      const id = nextSecretId++;
      return new Promise((resolve) => {
        secretWaits.set(id, resolve);
        send({ kind: 'secret-request', id, request });
      });
    });
    try {
      core = createCore({
        dataDir: options.dataDir,
        appVersion: options.appVersion,
        host: 'electron',
        secrets,
        chooseExportFile,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        onInternalError: (method, error) => console.error(`[tallychat core] ${method} failed`, error),
      });
    } catch (error) {
      sendThenExit({ kind: 'start-failed', message: error instanceof Error ? error.message : String(error) }, 1);
      return;
    }
    core.events.subscribe((event) => send({ kind: 'event', event }));
    send({ kind: 'ready' });
  }

  async function close(): Promise<void> {
    let code = 0;
    try {
      await core?.close();
    } catch (error) {
      console.error('[tallychat core] closing failed', error);
      code = 1;
    }
    sendThenExit({ kind: 'closed' }, code);
  }

  port.on('message', ({ data }) => {
    const message = data as ToCore;
    switch (message.kind) {
      case 'start':
        return start(message.options);
      case 'call': {
        const dispatch = core?.dispatch;
        if (!dispatch) {
          send({ kind: 'result', id: message.id, result: { ok: false, error: { code: 'internal', message: 'The core is not open yet.', retryable: true } } });
          return;
        }
        void dispatch(message.method, message.payload).then((result) => send({ kind: 'result', id: message.id, result }));
        return;
      }
      case 'secret-answer':
        secretWaits.get(message.id)?.(message.answer);
        secretWaits.delete(message.id);
        return;
      case 'export-file-answer':
        exportFileWaits.get(message.id)?.(message.answer);
        exportFileWaits.delete(message.id);
        return;
      case 'warm-up':
        return warmUpEncoder();
      case 'close':
        void close();
        return;
    }
  });
}
