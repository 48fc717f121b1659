import { AppError } from '../../../shared/contract/ipc-result';
import type { AttachmentReadFailure } from './attachment-read-error';

/** Why a file was refused when it was attached, before any vendor's own limits are checked. */
export type UnattachableReason = 'unsupported-type' | 'too-large' | 'empty' | AttachmentReadFailure;

/**
 * A file the composer or the CLI cannot attach. An AppError, so the window shows its message as
 * it is and the CLI prints it; the reason lets a caller tell the cases apart without reading text.
 */
export class UnattachableFileError extends AppError {
  constructor(
    readonly reason: UnattachableReason,
    message: string,
  ) {
    super('invalid_request', message);
    this.name = 'UnattachableFileError';
  }
}
