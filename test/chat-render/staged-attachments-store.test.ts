import { beforeEach, describe, expect, it } from 'vitest';
import {
  attachFiles,
  removeAttachment,
  stagedViews,
  useStagedAttachments,
  type AttachmentCore,
} from '../../src/renderer/src/chat/state/staged-attachments-store';
import { MAX_ATTACHMENT_BYTES, type StagedAttachmentView } from '../../src/shared/attachments';

/** Each core call waits here until the test answers it, so "Adding…" and the races can be seen. */
interface PendingCall {
  method: 'attachmentStage' | 'attachmentDiscard';
  request: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}
const calls: PendingCall[] = [];

function pending<T>(method: PendingCall['method'], request: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => calls.push({ method, request, resolve: (value) => resolve(value as T), reject }));
}

const core: AttachmentCore = {
  stage: (request) => pending('attachmentStage', request),
  discard: (id) => pending('attachmentDiscard', { id }),
};

const draftOf = (conversationId: string | null) => useStagedAttachments.getState().drafts[conversationId ?? ''] ?? { chips: [], notices: [] };
const summary = (conversationId: string | null) =>
  draftOf(conversationId).chips.map((c) => (c.status === 'staged' ? `${c.name} staged as ${c.view.id}` : `${c.name} adding (${c.bytes} bytes)`));
const notices = (conversationId: string | null) => draftOf(conversationId).notices.map((n) => n.message);

/** Lets the awaited reads and calls inside attachFiles run up to the next pending call. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

function view(id: string, name: string, bytes: number): StagedAttachmentView {
  return { id, name, kind: 'text', mime: 'text/plain', bytes, size: null, pages: null };
}

function answer(method: string, value: unknown): PendingCall {
  const index = calls.findIndex((c) => c.method === method);
  expect(index, `a pending ${method} call`).toBeGreaterThanOrEqual(0);
  const [call] = calls.splice(index, 1);
  call!.resolve(value);
  return call!;
}

function refuse(method: string, message: string): void {
  const index = calls.findIndex((c) => c.method === method);
  const [call] = calls.splice(index, 1);
  // The window's client throws the core's AppError message as an Error's message.
  call!.reject(new Error(message));
}

beforeEach(() => {
  calls.length = 0;
  useStagedAttachments.setState({ drafts: {} });
});

describe('attachFiles', () => {
  it('shows each file as "Adding…" and hands them to the core one after another, as base64', async () => {
    const done = attachFiles(core, 'c1', [new File(['hello'], 'a.txt'), new File(['second file'], 'b.md')]);
    await settle();
    expect(summary('c1')).toEqual(['a.txt adding (5 bytes)', 'b.md adding (11 bytes)']);
    // One at a time: the second file is not read while the first is with the core.
    expect(calls.map((c) => [c.method, c.request])).toEqual([['attachmentStage', { name: 'a.txt', dataBase64: 'aGVsbG8=' }]]);

    answer('attachmentStage', view('s1', 'a.txt', 5));
    await settle();
    expect(summary('c1')).toEqual(['a.txt staged as s1', 'b.md adding (11 bytes)']);
    expect(calls[0]!.request).toEqual({ name: 'b.md', dataBase64: Buffer.from('second file').toString('base64') });

    answer('attachmentStage', view('s2', 'b.md', 11));
    await done;
    expect(summary('c1')).toEqual(['a.txt staged as s1', 'b.md staged as s2']);
    expect(stagedViews(draftOf('c1')).map((v) => v.id)).toEqual(['s1', 's2']);
  });

  it('leaves no chip for a file the core refuses, only its message', async () => {
    const done = attachFiles(core, null, [new File(['MZ\x90'], 'tool.exe')]);
    await settle();
    refuse('attachmentStage', 'tool.exe is not an image, a PDF or a text file.');
    await done;
    expect(summary(null)).toEqual([]);
    expect(notices(null)).toEqual(['Could not attach tool.exe: tool.exe is not an image, a PDF or a text file.']);
  });

  it('refuses an empty file and one over the app limit before reading them', async () => {
    const huge = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    await attachFiles(core, null, [new File([], 'empty.txt'), new File([huge], 'huge.pdf'), new File([huge, huge], 'double.pdf')]);
    expect(calls).toEqual([]);
    expect(summary(null)).toEqual([]);
    expect(notices(null)).toEqual([
      'empty.txt is empty, so there is nothing to attach.',
      'huge.pdf is over 32 MB; Tallychat attaches files of at most 32 MB.',
      'double.pdf is 64 MB; Tallychat attaches files of at most 32 MB.',
    ]);
  });

  it('takes at most 20 files per message and names the ones left out', async () => {
    const files = Array.from({ length: 22 }, (_, i) => new File(['x'], `f${i + 1}.txt`));
    void attachFiles(core, 'c1', files);
    await settle();
    expect(summary('c1')).toHaveLength(20);
    expect(notices('c1')).toEqual(['A message carries at most 20 files; not added: f21.txt, f22.txt.']);
  });

  it('gives a pasted file without a name one', async () => {
    void attachFiles(core, null, [new File(['x'], '')]);
    await settle();
    expect(calls[0]!.request).toEqual({ name: 'Pasted file', dataBase64: 'eA==' });
  });

  it('keeps each draft its own files', async () => {
    void attachFiles(core, 'c1', [new File(['1'], 'one.txt')]);
    await settle();
    answer('attachmentStage', view('s1', 'one.txt', 1));
    void attachFiles(core, null, [new File(['2'], 'two.txt')]);
    await settle();
    answer('attachmentStage', view('s2', 'two.txt', 1));
    await settle();
    expect(summary('c1')).toEqual(['one.txt staged as s1']);
    expect(summary(null)).toEqual(['two.txt staged as s2']);
  });
});

describe('removeAttachment', () => {
  it('discards a staged file in the core', async () => {
    void attachFiles(core, 'c1', [new File(['1'], 'one.txt')]);
    await settle();
    answer('attachmentStage', view('s1', 'one.txt', 1));
    await settle();
    const key = draftOf('c1').chips[0]!.key;
    const removed = removeAttachment(core, 'c1', key);
    expect(summary('c1')).toEqual([]);
    expect(answer('attachmentDiscard', { discarded: true }).request).toEqual({ id: 's1' });
    await removed;
    expect(notices('c1')).toEqual([]);
  });

  it('discards a file removed while it was being added, once the core has it', async () => {
    void attachFiles(core, 'c1', [new File(['1'], 'one.txt')]);
    await settle();
    await removeAttachment(core, 'c1', draftOf('c1').chips[0]!.key);
    expect(calls.map((c) => c.method)).toEqual(['attachmentStage']);
    answer('attachmentStage', view('s1', 'one.txt', 1));
    await settle();
    expect(summary('c1')).toEqual([]);
    expect(answer('attachmentDiscard', { discarded: true }).request).toEqual({ id: 's1' });
  });

  it('says so when the core could not discard the file', async () => {
    void attachFiles(core, 'c1', [new File(['1'], 'one.txt')]);
    await settle();
    answer('attachmentStage', view('s1', 'one.txt', 1));
    await settle();
    const removed = removeAttachment(core, 'c1', draftOf('c1').chips[0]!.key);
    refuse('attachmentDiscard', 'The core is not running.');
    await removed;
    expect(notices('c1')).toEqual(['Could not remove one.txt: The core is not running.']);
  });
});

describe('clearSent', () => {
  it('clears the sent files and keeps one added meanwhile', async () => {
    void attachFiles(core, null, [new File(['1'], 'one.txt')]);
    await settle();
    answer('attachmentStage', view('s1', 'one.txt', 1));
    await settle();
    void attachFiles(core, null, [new File(['2'], 'two.txt')]);
    await settle();
    useStagedAttachments.getState().clearSent('', ['s1']);
    expect(summary(null)).toEqual(['two.txt adding (1 bytes)']);
  });

  it('dismisses a notice by its key and forgets an emptied draft', async () => {
    await attachFiles(core, 'c1', [new File([], 'empty.txt')]);
    useStagedAttachments.getState().dismiss('c1', draftOf('c1').notices[0]!.key);
    expect(useStagedAttachments.getState().drafts).toEqual({});
  });
});
