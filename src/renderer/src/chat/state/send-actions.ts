import type { MessageView } from '../../../../shared/contract/chat-contract';
import type { IpcError } from '../../../../shared/contract/ipc-result';
import { call, TallychatCallError } from '../../api/tallychat-client';
import { hasFinished } from './chat-events';
import { useConversations } from './conversations-store';
import { liveAnswerIn, useLiveAnswers } from './live-answers';
import { useModels } from './models-store';
import { useThread } from './thread-store';

export interface SendOptions {
  text: string;
  /** The user chose to let this one request past a hard cap. */
  allowOverCap?: boolean;
  /** Retry, regenerate, edit-and-resend: the turn from this user message on is replaced. */
  replaceFromMessageId?: string;
}

function ipcErrorOf(error: unknown): IpcError {
  if (error instanceof TallychatCallError) return error.error;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), retryable: false };
}

/**
 * Sends one user message to the selected model. The message shows at once; if pre-flight
 * refuses it (a cap, a missing provider) it is taken back and the reason is shown in place.
 * Resolves false when nothing was sent, so the composer can give the text back.
 */
export async function sendMessage(options: SendOptions): Promise<boolean> {
  const target = useModels.getState().selected;
  const before = useThread.getState();
  if (!target) {
    useThread.setState({ sendError: { code: 'invalid_request', message: 'Choose a model to send to.', retryable: false } });
    return false;
  }
  const { conversationId, messages, view } = before;
  const cut = options.replaceFromMessageId ? messages.findIndex((m) => m.id === options.replaceFromMessageId) : -1;
  const pending: MessageView = {
    id: `pending-${view}-${Date.now()}`,
    role: 'user',
    content: options.text,
    reasoningText: null,
    status: 'complete',
    createdAt: Date.now(),
    request: null,
  };
  useThread.setState({ messages: [...(cut >= 0 ? messages.slice(0, cut) : messages), pending], sending: true, sendError: null });

  try {
    const sent = await call('chatSend', {
      ...(conversationId !== null ? { conversationId } : {}),
      providerId: target.providerId,
      model: target.model,
      text: options.text,
      ...(options.allowOverCap ? { allowOverCap: true } : {}),
      ...(options.replaceFromMessageId ? { replaceFromMessageId: options.replaceFromMessageId } : {}),
    });
    const providerName = useModels.getState().providers?.find((p) => p.id === target.providerId)?.name ?? target.providerId;
    if (!hasFinished(sent.requestId)) {
      useLiveAnswers.getState().started({ ...sent, providerName, model: target.model });
    }
    if (useThread.getState().view === view) {
      useThread.setState((state) => ({
        conversationId: sent.conversationId,
        sending: false,
        messages: state.messages.map((m) => (m.id === pending.id ? { ...m, id: sent.userMessageId } : m)),
      }));
      // A new conversation now exists (its header and title), or the answer already ended: read it.
      if (conversationId === null || hasFinished(sent.requestId)) void useThread.getState().reload();
    }
    void useConversations.getState().refresh();
    return true;
  } catch (error) {
    if (useThread.getState().view === view) {
      useThread.setState({ messages, sending: false, sendError: ipcErrorOf(error) });
    }
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
  const last = lastUserMessage(useThread.getState().messages);
  if (!last) return Promise.resolve(false);
  return sendMessage({ text: last.content, replaceFromMessageId: last.id });
}
