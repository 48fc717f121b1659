import type { AttachmentView, StagedAttachmentView } from '../../../../shared/attachments';
import type { MessageView } from '../../../../shared/contract/chat-contract';
import type { IpcError } from '../../../../shared/contract/ipc-result';
import { queryClient, queryKeys, threadQuery } from '../../api/server-state';
import { call, TallychatCallError } from '../../api/tallychat-client';
import { liveAnswerIn, useLiveAnswers } from './live-answers';
import { useModels } from './models-store';
import { reasoningFor, useReasoning } from './reasoning-store';
import { draftKey, useStagedAttachments } from './staged-attachments-store';
import { threadMessages, useThread } from './thread-store';
import { useNewChatWebSearch, webSearchFor } from './web-search-store';

export interface SendOptions {
  text: string;
  /** The user chose to let this one request past a hard cap. */
  allowOverCap?: boolean;
  /** Retry, regenerate, edit-and-resend: the turn from this user message on is replaced. */
  replaceFromMessageId?: string;
  /** The composer's staged files; the core takes them with the message, so their chips go when it is sent. */
  attachments?: readonly StagedAttachmentView[];
}

/** A staged file as the thread shows it until the stored message (with any downscaling) is read. */
const sentView = ({ id, name, kind, mime, bytes, size }: StagedAttachmentView): AttachmentView => ({ id, name, kind, mime, bytes, size, original: null });

function ipcErrorOf(error: unknown): IpcError {
  if (error instanceof TallychatCallError) return error.error;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), retryable: false };
}

/**
 * Sends one user message to the selected model. The message shows at once; if pre-flight
 * refuses it (a cap, a missing provider) it is taken back and the reason is shown in place.
 * The request id is minted here, so the answer's events find their place even when they
 * arrive before chatSend's reply. Resolves false when nothing was sent, so the composer can
 * give the text back.
 */
export async function sendMessage(options: SendOptions): Promise<boolean> {
  const target = useModels.getState().selected;
  if (!target) {
    useThread.setState({ sendError: { code: 'invalid_request', message: 'Choose a model to send to.', retryable: false } });
    return false;
  }
  const { conversationId, view } = useThread.getState();
  const requestId = crypto.randomUUID();
  const provider = useModels.getState().providers?.find((p) => p.id === target.providerId);
  const providerName = provider?.name ?? target.providerId;
  const reasoning = reasoningFor(conversationId, provider?.reasoning[target.model]);
  const webSearch = webSearchFor(conversationId);
  const attachments = options.attachments ?? [];
  const attachmentIds = attachments.map((a) => a.id);
  const message: MessageView = {
    id: `pending-${requestId}`,
    role: 'user',
    content: options.text,
    reasoningText: null,
    sources: [],
    attachments: attachments.map(sentView),
    status: 'complete',
    createdAt: Date.now(),
    request: null,
  };
  useThread.setState({ pending: { message, replaceFromMessageId: options.replaceFromMessageId ?? null }, sending: true, sendError: null });
  // Not shown until the reply or the first delta places it: a refused send never flashes an empty answer.
  useLiveAnswers.getState().expect({ requestId, providerName, model: target.model });

  try {
    const sent = await call('chatSend', {
      requestId,
      ...(conversationId !== null ? { conversationId } : {}),
      providerId: target.providerId,
      model: target.model,
      text: options.text,
      ...(reasoning ? { reasoning } : {}),
      ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      ...(webSearch !== undefined ? { webSearch } : {}),
      ...(options.allowOverCap ? { allowOverCap: true } : {}),
      ...(options.replaceFromMessageId ? { replaceFromMessageId: options.replaceFromMessageId } : {}),
    });
    useLiveAnswers.getState().started(sent);
    if (attachmentIds.length > 0) useStagedAttachments.getState().clearSent(draftKey(conversationId), attachmentIds);
    if (conversationId === null) {
      useReasoning.getState().adopt(sent.conversationId);
      // The core remembers it for the new conversation now; the next new chat starts with it off.
      useNewChatWebSearch.getState().set(false);
    }
    if (useThread.getState().view === view) {
      useThread.setState((state) => ({
        conversationId: sent.conversationId,
        sending: false,
        pending: state.pending && { ...state.pending, message: { ...state.pending.message, id: sent.userMessageId } },
      }));
    }
    // The stored turn (and, for a new chat, the conversation itself) now exists: read it.
    void queryClient.invalidateQueries({ queryKey: threadQuery(sent.conversationId).queryKey });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    return true;
  } catch (error) {
    useLiveAnswers.getState().drop(requestId);
    if (useThread.getState().view === view) useThread.setState({ pending: null, sending: false, sendError: ipcErrorOf(error) });
    return false;
  }
}

/** Stops the answer streaming in the open conversation; its partial text is kept and metered. */
export async function stopAnswer(): Promise<void> {
  const { conversationId } = useThread.getState();
  const live = liveAnswerIn(useLiveAnswers.getState().answers, conversationId);
  if (!live || live.finished) return;
  try {
    await call('chatCancel', { requestId: live.requestId });
  } catch (error) {
    useThread.setState({ sendError: ipcErrorOf(error) });
  }
}

/** The last user message: what Retry, Regenerate and Edit send again. */
export function lastUserMessage(messages: readonly MessageView[]): MessageView | undefined {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return messages[i];
  return undefined;
}

export function resendLastTurn(): Promise<boolean> {
  const last = lastUserMessage(threadMessages());
  if (!last) return Promise.resolve(false);
  return sendMessage({ text: last.content, replaceFromMessageId: last.id });
}
