import { create } from 'zustand';
import type { ConversationView, MessageView } from '../../../../shared/contract/chat-contract';
import type { IpcError } from '../../../../shared/contract/ipc-result';
import { call } from '../../api/tallychat-client';
import { useModels } from './models-store';

interface ThreadState {
  /** null: a new chat that has no conversation until its first message passes pre-flight. */
  conversationId: string | null;
  conversation: ConversationView | null;
  messages: MessageView[];
  loading: boolean;
  loadError: string | null;
  /** A send that did not start (refused by a cap, unknown provider…), shown in the composer. */
  sendError: IpcError | null;
  /** chatSend is on its way: the composer waits for it. */
  sending: boolean;
  /** Bumped when another conversation (or a new chat) is shown: late answers for the old one are dropped. */
  view: number;
  /** Bumped on every read, so an older read never overwrites a newer one. */
  reads: number;
  open(id: string): Promise<void>;
  newChat(): void;
  /** Rereads the open conversation; false when it failed or another one was opened meanwhile. */
  reload(): Promise<boolean>;
  clearSendError(): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const EMPTY_VIEW = { conversation: null, messages: [], loadError: null, sendError: null, sending: false };

/** The conversation on screen: its stored messages as the ledger describes them. */
export const useThread = create<ThreadState>((set, get) => ({
  conversationId: null,
  ...EMPTY_VIEW,
  loading: false,
  view: 0,
  reads: 0,

  open: async (id) => {
    set((state) => ({ ...EMPTY_VIEW, conversationId: id, loading: true, view: state.view + 1 }));
    await read(true);
  },

  newChat: () => set((state) => ({ ...EMPTY_VIEW, conversationId: null, loading: false, view: state.view + 1 })),

  reload: () => (get().conversationId === null ? Promise.resolve(false) : read(false)),

  clearSendError: () => set({ sendError: null }),
}));

async function read(followModel: boolean): Promise<boolean> {
  const { conversationId: id, view } = useThread.getState();
  if (id === null) return false;
  const reads = useThread.getState().reads + 1;
  useThread.setState({ reads });
  const current = () => useThread.getState().view === view && useThread.getState().reads === reads;
  try {
    const { conversation, messages } = await call('conversationGet', { id });
    if (!current()) return false;
    useThread.setState({ conversation, messages, loading: false, loadError: null });
    if (followModel) useModels.getState().preferConversationModel(conversation.providerId, conversation.model);
    return true;
  } catch (error) {
    if (current()) useThread.setState({ loading: false, loadError: `Could not open the conversation: ${messageOf(error)}` });
    return false;
  }
}
