import type { IpcResult, TallychatEvent } from '../../shared/contract';
import type { WeakerSchemeNotice } from '../core/secrets/secret-store';

/**
 * Messages between main and the core process, over the utility process's own port (Electron's
 * `child.postMessage` / `process.parentPort`, structured clone). No renderer can reach this port.
 */

/** What the core may show about the key store without holding a key: Settings' key-store line. */
export interface SecretStoreFacts {
  description: string;
  canStore: boolean;
  weakerScheme: WeakerSchemeNotice | null;
  canAcceptWeakerScheme: boolean;
}

export interface CoreStartOptions {
  dataDir: string;
  appVersion: string;
  nativeBinding?: string;
  secrets: SecretStoreFacts;
}

/** A key-store operation the core asks main to do (keys are decrypted in main, per call). */
export type SecretRequest =
  | { op: 'read'; ref: string }
  | { op: 'write'; providerId: string; secret: string }
  | { op: 'remove'; ref: string }
  | { op: 'acceptWeakerScheme' };

export type SecretAnswer =
  | { ok: true; value: string | undefined; facts: SecretStoreFacts }
  /** `refused` is the key store's own refusal (a user can act on it); `failed` anything else. */
  | { ok: false; kind: 'refused' | 'failed'; message: string };

/** What the save dialog main showed for an export came to (`failed`: the dialog itself could not be shown). */
export type ExportFileAnswer = { status: 'chosen'; file: string } | { status: 'cancelled' } | { status: 'failed'; message: string };

export type ToCore =
  | { kind: 'start'; options: CoreStartOptions }
  | { kind: 'call'; id: number; method: string; payload: unknown }
  | { kind: 'secret-answer'; id: number; answer: SecretAnswer }
  | { kind: 'export-file-answer'; id: number; answer: ExportFileAnswer }
  | { kind: 'warm-up' }
  | { kind: 'close' };

export type FromCore =
  | { kind: 'ready' }
  | { kind: 'start-failed'; message: string }
  | { kind: 'result'; id: number; result: IpcResult<unknown> }
  | { kind: 'event'; event: TallychatEvent }
  | { kind: 'secret-request'; id: number; request: SecretRequest }
  /** The core asks main's save dialog where an export goes; the CSV itself stays in the core. */
  | { kind: 'export-file-request'; id: number; suggestedName: string }
  | { kind: 'closed' };
