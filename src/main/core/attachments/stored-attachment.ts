import { readFileSync } from 'node:fs';
import type { AttachmentKind, AttachmentView, PixelSize } from '../../../shared/attachments';
import { AppError } from '../../../shared/contract/ipc-result';

/** A file sent with a message: what the thread shows, and its bytes for a later turn to send again. */
export interface StoredAttachment {
  view: AttachmentView;
  kind: AttachmentKind;
  name: string;
  mime: string;
  /** The bytes as they were sent, to send again with a later turn. */
  read(): Buffer;
}

/** An `attachments` row as AttachmentStore.forConversation selects it. */
export interface AttachmentRow {
  id: string;
  messageId: string;
  position: number;
  kind: AttachmentKind;
  name: string;
  mime: string;
  fileName: string;
  bytes: number;
  width: number | null;
  height: number | null;
  originalWidth: number | null;
  originalHeight: number | null;
  originalBytes: number | null;
}

export function storedAttachment(row: AttachmentRow, file: string): StoredAttachment {
  const view: AttachmentView = {
    id: row.id,
    name: row.name,
    kind: row.kind,
    mime: row.mime,
    bytes: row.bytes,
    size: pixelSize(row.width, row.height),
    original: originalOf(row),
  };
  return { view, kind: row.kind, name: row.name, mime: row.mime, read: () => readStored(file, row.name) };
}

function pixelSize(width: number | null, height: number | null): PixelSize | null {
  return width === null || height === null ? null : { width, height };
}

function originalOf(row: AttachmentRow): AttachmentView['original'] {
  const size = pixelSize(row.originalWidth, row.originalHeight);
  return size === null || row.originalBytes === null ? null : { size, bytes: row.originalBytes };
}

function readStored(file: string, name: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new AppError(
      'not_found',
      `"${name}", sent earlier in this conversation, is missing from the data folder (${file}), so it cannot be sent again. Edit that message to attach the file again, or start a new conversation.`,
    );
  }
}
