import { create } from 'zustand';
import type { ConversationView } from '../../../../shared/contract/chat-contract';
import { call } from '../../api/tallychat-client';

interface ConversationsState {
  items: ConversationView[] | null;
  search: string;
  error: string | null;
  /** Bumped on every request so an older answer never overwrites a newer one. */
  generation: number;
  refresh(): Promise<void>;
  setSearch(search: string): void;
  rename(id: string, title: string): Promise<void>;
  remove(id: string): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The sidebar's conversations, filtered by the search box (title and message text, in SQLite). */
export const useConversations = create<ConversationsState>((set, get) => ({
  items: null,
  search: '',
  error: null,
  generation: 0,

  refresh: async () => {
    const generation = get().generation + 1;
    set({ generation });
    const search = get().search.trim();
    try {
      const items = await call('conversationsList', search ? { search } : {});
      if (get().generation === generation) set({ items, error: null });
    } catch (error) {
      if (get().generation === generation) set({ error: `Could not load the conversations: ${messageOf(error)}` });
    }
  },

  setSearch: (search) => set({ search }),

  rename: async (id, title) => {
    const renamed = await call('conversationRename', { id, title });
    set((state) => ({ items: state.items?.map((c) => (c.id === id ? renamed : c)) ?? null }));
  },

  remove: async (id) => {
    await call('conversationDelete', { id });
    set((state) => ({ items: state.items?.filter((c) => c.id !== id) ?? null }));
  },
}));
