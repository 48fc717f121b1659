import { useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import { messageOf, queryClient, threadQuery } from '../../api/server-state';
import { call } from '../../api/tallychat-client';
import { useNotices } from './notices-store';

interface NewChatWebSearchState {
  /** A new chat has no conversation to remember it yet: it is sent with the first message. */
  on: boolean;
  set(on: boolean): void;
}

export const useNewChatWebSearch = create<NewChatWebSearchState>((set) => ({
  on: false,
  set: (on) => set({ on }),
}));

/** The toggle as the open conversation last used it (the core remembers it), or the new chat's. */
export function useWebSearchOn(conversationId: string | null): boolean {
  const newChat = useNewChatWebSearch((s) => s.on);
  const stored = useQuery({
    ...threadQuery(conversationId ?? ''),
    enabled: conversationId !== null,
    select: (thread) => thread.conversation.webSearch,
  });
  return conversationId === null ? newChat : (stored.data ?? false);
}

/**
 * What a send carries: the toggle's state, or nothing while an existing conversation's is not read
 * yet (the core then keeps what it remembers rather than being told "off").
 */
export function webSearchFor(conversationId: string | null): boolean | undefined {
  if (conversationId === null) return useNewChatWebSearch.getState().on;
  return queryClient.getQueryData(threadQuery(conversationId).queryKey)?.conversation.webSearch;
}

/** Flips the toggle: a new chat's until it is sent; an existing conversation's in the core, shown at once. */
export async function setWebSearch(conversationId: string | null, on: boolean): Promise<void> {
  if (conversationId === null) {
    useNewChatWebSearch.getState().set(on);
    return;
  }
  const key = threadQuery(conversationId).queryKey;
  const withWebSearch = (value: boolean) =>
    queryClient.setQueryData(key, (thread) => thread && { ...thread, conversation: { ...thread.conversation, webSearch: value } });
  withWebSearch(on);
  try {
    // Only the flag: the reply is a list-shaped view, without the open thread's cache savings.
    withWebSearch((await call('conversationWebSearchSet', { id: conversationId, on })).webSearch);
  } catch (error) {
    withWebSearch(!on);
    useNotices.getState().show({ level: 'error', message: `Could not turn web search ${on ? 'on' : 'off'}: ${messageOf(error)}` });
  }
}
