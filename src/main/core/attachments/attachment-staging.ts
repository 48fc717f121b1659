import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StagedAttachmentView } from '../../../shared/attachments';
import { AppError } from '../../../shared/contract/ipc-result';
import { isProcessAlive } from '../chat/recover-interrupted';
import { attachmentsRoot, pathSegment, STAGED_FOLDER, stagedFolder } from './attachment-folder';
import { sniffAttachment, type SniffedAttachment } from './attachment-sniff';
import { writeFileDurably } from './durable-file';

export interface StagedAttachment {
  view: StagedAttachmentView;
  /** Read from the data folder when sent: the user's own file may have changed or gone since. */
  bytes(): Buffer;
  sniffed: SniffedAttachment;
}

export interface StagingOptions {
  /** The host that owns the staged files; another host's process id in tests. */
  pid?: number;
  isAlive?: (pid: number) => boolean;
}

/**
 * Files picked, pasted or dropped in the composer, held until their message is sent or they are
 * removed. A copy is kept in the data folder (`attachments/staged/<pid>/<id>`) rather than in
 * memory, so twenty 30 MB PDFs do not sit in the process. Staging lives one session: what a host
 * staged is gone after it restarts.
 */
export class AttachmentStaging {
  private readonly staged = new Map<string, { view: StagedAttachmentView; sniffed: SniffedAttachment }>();
  private readonly pid: number;
  private readonly isAlive: (pid: number) => boolean;

  constructor(
    private readonly dataDir: string,
    private readonly newId: () => string,
    options: StagingOptions = {},
  ) {
    this.pid = options.pid ?? process.pid;
    this.isAlive = options.isAlive ?? isProcessAlive;
  }

  /** Throws UnattachableFileError when the file is not one Tallychat can attach. */
  stage(name: string, bytes: Uint8Array): StagedAttachmentView {
    const sniffed = sniffAttachment(name, bytes);
    const id = pathSegment(this.newId());
    writeFileDurably(this.file(id), bytes);
    const view: StagedAttachmentView = {
      id,
      name,
      kind: sniffed.kind,
      mime: sniffed.kind === 'image' ? sniffed.mime : sniffed.kind === 'pdf' ? 'application/pdf' : 'text/plain',
      bytes: bytes.byteLength,
      size: sniffed.kind === 'image' ? sniffed.size : null,
      pages: sniffed.kind === 'pdf' ? sniffed.pages : null,
    };
    this.staged.set(id, { view, sniffed });
    return view;
  }

  get(id: string): StagedAttachment {
    const entry = this.staged.get(id);
    if (!entry) throw notStaged();
    const file = this.file(id);
    return { ...entry, bytes: () => readStaged(file) };
  }

  /** False when the id was not staged (already sent, discarded, or staged before a restart). */
  discard(id: string): boolean {
    if (!this.staged.delete(id)) return false;
    rmSync(this.file(id), { force: true });
    return true;
  }

  /**
   * Removes this host's staged files and those of hosts that are no longer running; called at
   * start-up. A live host's (the app's while the CLI starts) are left to it.
   */
  clear(): void {
    this.staged.clear();
    const root = join(attachmentsRoot(this.dataDir), STAGED_FOLDER);
    let entries: string[];
    try {
      entries = readdirSync(root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const owner = /^\d+$/.test(entry) ? Number(entry) : undefined;
      if (owner !== undefined && owner !== this.pid && this.isAlive(owner)) continue;
      rmSync(join(root, entry), { recursive: true, force: true });
    }
  }

  private file(id: string): string {
    return join(stagedFolder(this.dataDir, this.pid), pathSegment(id));
  }
}

function readStaged(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notStaged();
    throw error;
  }
}

function notStaged(): AppError {
  return new AppError('not_found', 'That attachment is no longer staged; attach the file again.');
}
