import { join } from 'node:path';

/** Staged files live beside the conversations' folders, in a folder no conversation id can take. */
export const STAGED_FOLDER = 'staged';

/** Where every attachment file lives: `<dataDir>/attachments`. */
export function attachmentsRoot(dataDir: string): string {
  return join(dataDir, 'attachments');
}

/** One host's staged files: `attachments/staged/<pid>`, so hosts sharing the folder never clear each other's. */
export function stagedFolder(dataDir: string, pid: number): string {
  return join(attachmentsRoot(dataDir), STAGED_FOLDER, String(pid));
}

/** A conversation's files: `attachments/<conversationId>`. */
export function conversationFolder(dataDir: string, conversationId: string): string {
  if (conversationId === STAGED_FOLDER) throw new Error(`A conversation cannot be named "${STAGED_FOLDER}": the staging folder has that name.`);
  return join(attachmentsRoot(dataDir), pathSegment(conversationId));
}

const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Ids become file and folder names, so only ids that cannot climb out of the folder or clash on a
 * case-insensitive disk as different files are taken; the core mints UUIDs, which pass.
 */
export function pathSegment(id: string): string {
  if (!SAFE_SEGMENT.test(id)) throw new Error(`The id ${JSON.stringify(id)} cannot name a file: only letters, digits, "-" and "_" can.`);
  return id;
}
