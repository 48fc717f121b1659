/** Why an attachment's bytes could not be read; a union so callers can word their own refusals. */
export type AttachmentReadFailure =
  | 'unknown-image-format'
  | 'truncated-image'
  | 'corrupt-image'
  | 'not-a-pdf'
  | 'pdf-pages-not-found'
  | 'not-utf8-text';

/** An attachment whose bytes are not what its kind promises; the message says what to do about it. */
export class AttachmentReadError extends Error {
  override readonly name = 'AttachmentReadError';

  constructor(
    readonly failure: AttachmentReadFailure,
    message: string,
  ) {
    super(message);
  }
}
