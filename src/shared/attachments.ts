/** What a file attached to a message is, as every vendor's format tells them apart. */
export const ATTACHMENT_KINDS = ['image', 'pdf', 'text'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/**
 * The most a single file may be before any vendor's own limit is checked: the largest request any
 * supported vendor takes (Anthropic's and OpenAI's 32 MB PDFs). Vendors' smaller limits are checked
 * at pre-flight (src/main/core/attachments/attachment-rules.ts, attachment-check.ts), naming the vendor and its limit.
 */
export const MAX_ATTACHMENT_BYTES = 32 * 1024 * 1024;
/** The most files one message may carry, whatever the vendor allows. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 20;

export interface PixelSize {
  width: number;
  height: number;
}

/** What the window shows of any attached file, staged or sent. */
interface AttachedFileView {
  id: string;
  name: string;
  kind: AttachmentKind;
  mime: string;
  bytes: number;
  /** Images only. */
  size: PixelSize | null;
}

/** A file the user picked, pasted or dropped, held by the core until the message is sent or it is removed. */
export interface StagedAttachmentView extends AttachedFileView {
  /** PDFs only. */
  pages: number | null;
}

/** A file as it was sent with a message, shown in the thread. */
export interface AttachmentView extends AttachedFileView {
  /** The user's image before it was downscaled for the vendor; null when it was sent as it was. */
  original: { size: PixelSize; bytes: number } | null;
}

/** One staged file's share of the composer's pre-flight, for the model chosen now. */
export interface AttachmentEstimateView {
  id: string;
  /** Input tokens by the vendor's published rule (an estimate until the provider's usage arrives). */
  tokens: number;
  /** Images larger than the vendor takes: the size they will be sent at. */
  downscaledTo: PixelSize | null;
  /** The format the file is sent as when it differs from the user's ('image/png' for a GIF Gemini does not take); null when the same. */
  sentAs: string | null;
  /** Why this model cannot take the file ("Gemini takes at most 20 MB of files per request…"); null when it can. */
  refusal: string | null;
}
