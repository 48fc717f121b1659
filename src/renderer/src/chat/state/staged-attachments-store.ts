import { create } from 'zustand';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_MESSAGE, type StagedAttachmentView } from '../../../../shared/attachments';
import { formatFileSize } from '../../../../shared/format-file-size';
import { readFileBase64 } from './read-file-base64';

/**
 * The core's two attachment methods, passed in (attachment-core.ts in the window) so this module
 * stays free of the window's transport and its tests can play the core.
 */
export interface AttachmentCore {
  stage(request: { name: string; dataBase64: string }): Promise<StagedAttachmentView>;
  discard(id: string): Promise<unknown>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A file in the composer: "Adding…" while the core checks it, then what the core made of it. */
export type StagedChip =
  | { key: string; name: string; bytes: number; status: 'adding' }
  | { key: string; name: string; bytes: number; status: 'staged'; view: StagedAttachmentView };

/** Why a file is not in the composer (refused by the core or by a limit), until dismissed. */
export interface AttachmentNotice {
  key: string;
  message: string;
}

export interface AttachmentDraft {
  chips: StagedChip[];
  notices: AttachmentNotice[];
}

/** A new chat has no id yet; its files are sent (and cleared) with its first message. */
const NEW_CHAT = '';
export const draftKey = (conversationId: string | null): string => conversationId ?? NEW_CHAT;

const EMPTY_DRAFT: AttachmentDraft = { chips: [], notices: [] };

interface StagedAttachmentsState {
  /** Each conversation's draft (and the new chat's), so switching conversations keeps their files. */
  drafts: Record<string, AttachmentDraft>;
  begin(draft: string, chips: { key: string; name: string; bytes: number }[]): void;
  /** False when the chip was removed while the core was checking the file: the caller discards it. */
  staged(draft: string, key: string, view: StagedAttachmentView): boolean;
  /** Shows why a file is not attached; key: its chip, taken away (null when it never had one). */
  refuse(draft: string, key: string | null, message: string): void;
  remove(draft: string, key: string): StagedChip | undefined;
  dismiss(draft: string, noticeKey: string): void;
  /** The core took these files with the message: their chips go, files added meanwhile stay. */
  clearSent(draft: string, ids: readonly string[]): void;
}

let lastKey = 0;
const nextKey = () => `attachment-${++lastKey}`;

function update(drafts: Record<string, AttachmentDraft>, draft: string, change: (d: AttachmentDraft) => AttachmentDraft) {
  const next = change(drafts[draft] ?? EMPTY_DRAFT);
  const { [draft]: _old, ...rest } = drafts;
  return { drafts: next.chips.length === 0 && next.notices.length === 0 ? rest : { ...rest, [draft]: next } };
}

export const useStagedAttachments = create<StagedAttachmentsState>((set, get) => ({
  drafts: {},
  begin: (draft, chips) =>
    set((s) => update(s.drafts, draft, (d) => ({ ...d, chips: [...d.chips, ...chips.map((c) => ({ ...c, status: 'adding' as const }))] }))),
  staged: (draft, key, view) => {
    if (!get().drafts[draft]?.chips.some((c) => c.key === key)) return false;
    set((s) =>
      update(s.drafts, draft, (d) => ({
        ...d,
        chips: d.chips.map((c) => (c.key === key ? { key, name: view.name, bytes: view.bytes, status: 'staged' as const, view } : c)),
      })),
    );
    return true;
  },
  refuse: (draft, key, message) =>
    set((s) =>
      update(s.drafts, draft, (d) => ({
        chips: d.chips.filter((c) => c.key !== key),
        notices: [...d.notices, { key: nextKey(), message }],
      })),
    ),
  remove: (draft, key) => {
    const chip = get().drafts[draft]?.chips.find((c) => c.key === key);
    set((s) => update(s.drafts, draft, (d) => ({ ...d, chips: d.chips.filter((c) => c.key !== key) })));
    return chip;
  },
  dismiss: (draft, noticeKey) => set((s) => update(s.drafts, draft, (d) => ({ ...d, notices: d.notices.filter((n) => n.key !== noticeKey) }))),
  clearSent: (draft, ids) =>
    set((s) => update(s.drafts, draft, (d) => ({ ...d, chips: d.chips.filter((c) => c.status !== 'staged' || !ids.includes(c.view.id)) }))),
}));

export function useAttachmentDraft(conversationId: string | null): AttachmentDraft {
  return useStagedAttachments((s) => s.drafts[draftKey(conversationId)] ?? EMPTY_DRAFT);
}

/** The files the core holds for this draft, in the order they were added: what Send and the estimate carry. */
export function stagedViews(draft: AttachmentDraft): StagedAttachmentView[] {
  return draft.chips.flatMap((c) => (c.status === 'staged' ? [c.view] : []));
}

/** A name the contract accepts: a pasted screenshot may come with none. */
const nameOf = (file: File) => file.name.trim() || 'Pasted file';

/** The app's own limits, checked before a byte is read; the core checks what the file is, and each vendor's limits. */
function limitRefusal(file: File): string | null {
  if (file.size === 0) return `${nameOf(file)} is empty, so there is nothing to attach.`;
  if (file.size > MAX_ATTACHMENT_BYTES) {
    const limit = formatFileSize(MAX_ATTACHMENT_BYTES);
    const size = formatFileSize(file.size);
    return `${nameOf(file)} is ${size === limit ? `over ${limit}` : size}; Tallychat attaches files of at most ${limit}.`;
  }
  return null;
}

/**
 * Hands picked, pasted or dropped files to the core, one after another so several large files are
 * not held in memory as base64 at once. Each shows "Adding…" until the core has checked it; a
 * refused file leaves no chip, only the core's reason.
 */
export async function attachFiles(core: AttachmentCore, conversationId: string | null, files: readonly File[]): Promise<void> {
  const draft = draftKey(conversationId);
  const store = useStagedAttachments.getState();
  const room = MAX_ATTACHMENTS_PER_MESSAGE - (store.drafts[draft]?.chips.length ?? 0);
  const over = files.slice(Math.max(room, 0));
  if (over.length > 0) {
    store.refuse(draft, null, `A message carries at most ${MAX_ATTACHMENTS_PER_MESSAGE} files; not added: ${over.map(nameOf).join(', ')}.`);
  }
  const accepted: { file: File; key: string }[] = [];
  for (const file of files.slice(0, Math.max(room, 0))) {
    const refusal = limitRefusal(file);
    if (refusal) store.refuse(draft, null, refusal);
    else accepted.push({ file, key: nextKey() });
  }
  store.begin(draft, accepted.map(({ file, key }) => ({ key, name: nameOf(file), bytes: file.size })));

  for (const { file, key } of accepted) {
    try {
      const view = await core.stage({ name: nameOf(file), dataBase64: await readFileBase64(file) });
      if (!useStagedAttachments.getState().staged(draft, key, view)) void discard(core, draft, view);
    } catch (error) {
      useStagedAttachments.getState().refuse(draft, key, `Could not attach ${nameOf(file)}: ${messageOf(error)}`);
    }
  }
}

async function discard(core: AttachmentCore, draft: string, view: StagedAttachmentView): Promise<void> {
  try {
    await core.discard(view.id);
  } catch (error) {
    useStagedAttachments.getState().refuse(draft, null, `Could not remove ${view.name}: ${messageOf(error)}`);
  }
}

/** The chip goes at once; a file still being added is discarded when the core answers. */
export async function removeAttachment(core: AttachmentCore, conversationId: string | null, key: string): Promise<void> {
  const draft = draftKey(conversationId);
  const chip = useStagedAttachments.getState().remove(draft, key);
  if (chip?.status === 'staged') await discard(core, draft, chip.view);
}
