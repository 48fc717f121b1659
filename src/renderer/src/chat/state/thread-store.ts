import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import type { ConversationView, MessageView } from '../../../../shared/contract/chat-contract';
import type { IpcError } from '../../../../shared/contract/ipc-result';
import { messageOf, queryClient, threadQuery } from '../../api/server-state';
import { useModels } from './models-store';

/** The user's message while chatSend is on its way, and the turn it replaces (retry, edit). */
export interface PendingTurn {
  message: MessageView;
  replaceFromMessageId: string | null;
}

interface ThreadState {
  /** null: a new chat that has no conversation until its first message passes pre-flight. */
  conversationId: string | null;
  pending: PendingTurn | null;
  /** A send that did not start (refused by a cap, unknown provider…), shown in the composer. */
  sendError: IpcError | null;
  /** chatSend is on its way: the composer waits for it. */
  sending: boolean;
  /** Bumped when another conversation (or a new chat) is shown: late replies for the old one are dropped. */
  view: number;
  open(id: string): void;
  newChat(): void;
  clearSendError(): void;
}

const EMPTY_VIEW = { pending: null, sendError: null, sending: false };

/** Which conversation is on screen and what the composer is doing; its messages are the query cache's. */
export const useThread = create<ThreadState>((set) => ({
  conversationId: null,
  ...EMPTY_VIEW,
  view: 0,
  open: (id) => set((state) => ({ ...EMPTY_VIEW, conversationId: id, view: state.view + 1 })),
  newChat: () => set((state) => ({ ...EMPTY_VIEW, conversationId: null, view: state.view + 1 })),
  clearSendError: () => set({ sendError: null }),
}));

const NO_MESSAGES: MessageView[] = [];

/** The stored messages with the pending turn in place, until the stored ones include it. */
function withPending(stored: MessageView[], pending: PendingTurn | null): MessageView[] {
  if (!pending || stored.some((m) => m.id === pending.message.id)) return stored;
  const cut = pending.replaceFromMessageId ? stored.findIndex((m) => m.id === pending.replaceFromMessageId) : -1;
  return [...(cut >= 0 ? stored.slice(0, cut) : stored), pending.message];
}

export interface ThreadView {
  conversationId: string | null;
  conversation: ConversationView | null;
  messages: MessageView[];
  loading: boolean;
  loadError: string | null;
}

/** The conversation on screen: its stored messages as the ledger describes them, plus the turn being sent. */
export function useThreadView(): ThreadView {
  const conversationId = useThread((s) => s.conversationId);
  const pending = useThread((s) => s.pending);
  const query = useQuery({ ...threadQuery(conversationId ?? ''), enabled: conversationId !== null });
  const stored = (conversationId !== null && query.data?.messages) || NO_MESSAGES;
  const messages = useMemo(() => withPending(stored, pending), [stored, pending]);
  const conversation = conversationId !== null ? (query.data?.conversation ?? null) : null;

  // An opened conversation brings its model to the composer, when that model is still offered.
  const openedId = conversation?.id;
  useEffect(() => {
    if (conversation) useModels.getState().preferConversationModel(conversation.providerId, conversation.model);
    // Keyed on the id alone: when another conversation arrives, not on every reread of this one.
  }, [openedId]);

  return {
    conversationId,
    conversation,
    messages,
    loading: conversationId !== null && query.isPending,
    loadError: conversationId !== null && query.error ? `Could not open the conversation: ${messageOf(query.error)}` : null,
  };
}

/** The messages on screen right now, for actions outside React (resend, edit). */
export function threadMessages(): MessageView[] {
  const { conversationId, pending } = useThread.getState();
  const stored = conversationId === null ? NO_MESSAGES : (queryClient.getQueryData(threadQuery(conversationId).queryKey)?.messages ?? NO_MESSAGES);
  return withPending(stored, pending);
}
