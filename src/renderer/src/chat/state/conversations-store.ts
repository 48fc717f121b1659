import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { ConversationView } from '../../../../shared/contract/chat-contract';
import { conversationsQuery, messageOf, queryClient, queryKeys, threadQuery } from '../../api/server-state';
import { call } from '../../api/tallychat-client';

interface ConversationsState {
  /** The sidebar's search box, as typed. */
  search: string;
  setSearch(search: string): void;
}

export const useConversationSearch = create<ConversationsState>((set) => ({
  search: '',
  setSearch: (search) => set({ search }),
}));

const SEARCH_DEBOUNCE_MS = 200;

/** The sidebar's conversations, filtered by the search box (title and message text, in SQLite) once typing pauses. */
export function useConversationList(): { items: ConversationView[] | null; error: string | null; search: string } {
  const search = useConversationSearch((s) => s.search.trim());
  const [searched, setSearched] = useState(search);
  useEffect(() => {
    const timer = setTimeout(() => setSearched(search), search ? SEARCH_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [search]);
  const query = useQuery(conversationsQuery(searched));
  return {
    items: query.data ?? null,
    error: query.error ? `Could not load the conversations: ${messageOf(query.error)}` : null,
    search,
  };
}

/** A rename changes the title in place: the list keeps its order until it is read again. */
export async function renameConversation(id: string, title: string): Promise<void> {
  const renamed = await call('conversationRename', { id, title });
  queryClient.setQueriesData<ConversationView[]>({ queryKey: queryKeys.conversations }, (items) =>
    items?.map((c) => (c.id === id ? renamed : c)),
  );
  // The list's view carries no caching saving; the thread keeps the one it read.
  queryClient.setQueryData(threadQuery(id).queryKey, (thread) => thread && { ...thread, conversation: { ...thread.conversation, ...renamed } });
}

/** The thread's new system prompt changes what the next message costs: the composer estimates again. */
export async function setConversationSystemPrompt(id: string, text: string | null): Promise<void> {
  const updated = await call('conversationSystemPromptSet', { id, text });
  queryClient.setQueryData(threadQuery(id).queryKey, (thread) => thread && { ...thread, conversation: { ...thread.conversation, ...updated } });
  void queryClient.invalidateQueries({ queryKey: queryKeys.estimate });
}

export async function deleteConversation(id: string): Promise<void> {
  await call('conversationDelete', { id });
  queryClient.setQueriesData<ConversationView[]>({ queryKey: queryKeys.conversations }, (items) => items?.filter((c) => c.id !== id));
}
