import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { AttachmentKind, PixelSize } from '../../../shared/attachments';
import { attachmentsRoot, conversationFolder, pathSegment, STAGED_FOLDER } from './attachment-folder';
import { writeFileDurably } from './durable-file';
import { storedAttachment, type AttachmentRow, type StoredAttachment } from './stored-attachment';
import { changedSince, entriesOf, removeIfEmpty, removeStale, removeUnreferenced } from './unreferenced-files';

export type { StoredAttachment } from './stored-attachment';

/** A file to keep with a user message: `data` is what is sent (a downscaled image at its sent size). */
export interface NewAttachment {
  id: string;
  kind: AttachmentKind;
  name: string;
  mime: string;
  data: Uint8Array;
  size: PixelSize | null;
  /** The user's image before it was downscaled; null when sent as it was. */
  original: { size: PixelSize; bytes: number } | null;
}

/** Files on disk waiting for their rows: insertRows inside the send's transaction, or discardWritten. */
export interface WrittenAttachments {
  readonly conversationId: string;
  readonly files: readonly WrittenFile[];
}

export type WrittenFile = Omit<NewAttachment, 'data'> & { fileName: string; bytes: number };

/**
 * A start-up sweep leaves alone what changed this recently: another host sharing the data folder
 * may be between writing its files and committing their rows.
 */
export const ORPHAN_GRACE_MS = 10 * 60_000;

/**
 * The files sent with messages: rows in `attachments`, bytes in `attachments/<conversationId>/`.
 * Files are written before the rows that point at them, so a crash leaves at worst a file without a
 * row, which syncFolder or the start-up sweep removes, never a row without its file. Rows go with
 * their message or conversation by foreign-key cascade; a syncFolder after that commit removes the
 * files.
 */
export class AttachmentStore {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly dataDir: string,
  ) {}

  /** Before the send's transaction: each file flushed to disk under its final name. */
  writeFiles(conversationId: string, files: readonly NewAttachment[]): WrittenAttachments {
    const folder = conversationFolder(this.dataDir, conversationId);
    const written: WrittenFile[] = [];
    try {
      for (const { data, ...file } of files) {
        const fileName = `${pathSegment(file.id)}${extensionOf(file.kind, file.mime)}`;
        writeFileDurably(join(folder, fileName), data);
        written.push({ ...file, fileName, bytes: data.byteLength });
      }
    } catch (error) {
      this.discardWritten({ conversationId, files: written });
      throw error;
    }
    return { conversationId, files: written };
  }

  /** Inside the transaction that adds the message `messageId`, so rows and message commit together. */
  insertRows(messageId: string, written: WrittenAttachments, now: number): void {
    const insert = this.sqlite.prepare(
      `INSERT INTO attachments (id, message_id, conversation_id, position, kind, name, mime, file_name, bytes, width, height,
         original_width, original_height, original_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    written.files.forEach((file, position) => {
      insert.run(
        file.id,
        messageId,
        written.conversationId,
        position,
        file.kind,
        file.name,
        file.mime,
        file.fileName,
        file.bytes,
        file.size?.width ?? null,
        file.size?.height ?? null,
        file.original?.size.width ?? null,
        file.original?.size.height ?? null,
        file.original?.bytes ?? null,
        now,
      );
    });
  }

  /** The transaction did not commit (a refusal, an error): its files have no rows and go. */
  discardWritten(written: WrittenAttachments): void {
    const folder = conversationFolder(this.dataDir, written.conversationId);
    for (const file of written.files) rmSync(join(folder, file.fileName), { force: true });
    removeIfEmpty(folder);
  }

  /** Every message's attachments in one query, each list in the order the files were attached. */
  forConversation(conversationId: string): Map<string, StoredAttachment[]> {
    const rows = this.sqlite
      .prepare<[string], AttachmentRow>(
        `SELECT id, message_id AS messageId, position, kind, name, mime, file_name AS fileName, bytes, width, height,
           original_width AS originalWidth, original_height AS originalHeight, original_bytes AS originalBytes
         FROM attachments WHERE conversation_id = ? ORDER BY message_id, position`,
      )
      .all(conversationId);
    const folder = conversationFolder(this.dataDir, conversationId);
    const byMessage = new Map<string, StoredAttachment[]>();
    for (const row of rows) {
      const list = byMessage.get(row.messageId) ?? [];
      list.push(storedAttachment(row, join(folder, row.fileName)));
      byMessage.set(row.messageId, list);
    }
    return byMessage;
  }

  /**
   * After a commit that removed messages (an edit, a regenerate) or the whole conversation: the
   * files no row points at go, and the folder too once it holds none. Returns the files removed.
   */
  syncFolder(conversationId: string): number {
    const folder = conversationFolder(this.dataDir, conversationId);
    const removed = removeUnreferenced(folder, this.fileNamesOf(conversationId));
    removeIfEmpty(folder);
    return removed;
  }

  /**
   * At start-up: every file under attachments/ that no row points at (a crash between writing
   * files and committing, a conversation deleted by an older version), half-written files, and
   * folders left empty. Staged files are AttachmentStaging's. Returns the files removed.
   */
  sweepOrphans(options: { graceMs?: number } = {}): number {
    const graceMs = options.graceMs ?? ORPHAN_GRACE_MS;
    const changedBefore = graceMs === 0 ? Infinity : Date.now() - graceMs;
    const root = attachmentsRoot(this.dataDir);
    const kept = this.allFileNames();
    let removed = 0;
    for (const entry of entriesOf(root)) {
      const path = join(root, entry.name);
      if (!entry.isDirectory()) {
        removed += removeStale(path, entry, changedBefore);
      } else if (entry.name !== STAGED_FOLDER) {
        // Read before its files go: a folder a live host has just made (its mtime recent) stays for it.
        const recent = changedSince(path, changedBefore);
        removed += removeUnreferenced(path, kept.get(entry.name) ?? new Set(), changedBefore);
        if (!recent) removeIfEmpty(path);
      }
    }
    return removed;
  }

  private fileNamesOf(conversationId: string): Set<string> {
    const rows = this.sqlite.prepare<[string], { fileName: string }>('SELECT file_name AS fileName FROM attachments WHERE conversation_id = ?').all(conversationId);
    return new Set(rows.map((row) => row.fileName));
  }

  private allFileNames(): Map<string, Set<string>> {
    const rows = this.sqlite
      .prepare<[], { conversationId: string; fileName: string }>('SELECT conversation_id AS conversationId, file_name AS fileName FROM attachments')
      .all();
    const byConversation = new Map<string, Set<string>>();
    for (const row of rows) {
      const names = byConversation.get(row.conversationId) ?? new Set<string>();
      names.add(row.fileName);
      byConversation.set(row.conversationId, names);
    }
    return byConversation;
  }
}

/** A file named for what it holds, for anyone who opens the data folder. */
function extensionOf(kind: AttachmentKind, mime: string): string {
  if (kind === 'pdf') return '.pdf';
  if (kind === 'text') return '.txt';
  return IMAGE_EXTENSIONS[mime] ?? '';
}

const IMAGE_EXTENSIONS: Record<string, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp', 'image/gif': '.gif' };
