import { useCallback, useState, type RefObject } from 'react';
import type { ConversationView } from '../../../../shared/contract/chat-contract';
import { deleteConversation, renameConversation, useConversationList, useConversationSearch } from '../state/conversations-store';
import { useThread } from '../state/thread-store';
import { ConfirmDialog } from './ConfirmDialog';
import { ConversationItem } from './ConversationItem';
import { PlusIcon } from './icons';

const MOD_KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

interface Props {
  searchRef: RefObject<HTMLInputElement | null>;
  onNewChat(): void;
}

/** Conversations, newest first, with New chat, search (title and text), rename and delete. */
export function ChatSidebar({ searchRef, onNewChat }: Props) {
  const { items, error } = useConversationList();
  const search = useConversationSearch((s) => s.search);
  const setSearch = useConversationSearch((s) => s.setSearch);
  const activeId = useThread((s) => s.conversationId);
  const [deleting, setDeleting] = useState<ConversationView | null>(null);
  const [deleteError, setDeleteError] = useState<string>();

  const open = useCallback((id: string) => useThread.getState().open(id), []);
  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await deleteConversation(deleting.id);
      if (useThread.getState().conversationId === deleting.id) useThread.getState().newChat();
      setDeleting(null);
      setDeleteError(undefined);
    } catch (failure) {
      setDeleteError(`Could not delete: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };

  return (
    <aside className="chat-sidebar" aria-label="Conversations">
      <div className="sidebar-top">
        <button type="button" className="button primary new-chat" onClick={onNewChat} title={`New chat (${MOD_KEY}N)`}>
          <PlusIcon /> New chat
        </button>
        <input
          ref={searchRef}
          type="search"
          className="sidebar-search"
          aria-label="Search conversations"
          placeholder={`Search  ${MOD_KEY}K`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {error && (
        <p className="sidebar-error" role="alert">
          {error}
        </p>
      )}
      <ul className="conversation-list">
        {items?.map((conversation) => (
          <ConversationItem
            key={conversation.id}
            conversation={conversation}
            active={conversation.id === activeId}
            onOpen={open}
            onRename={renameConversation}
            onDelete={setDeleting}
          />
        ))}
      </ul>
      {items?.length === 0 && <p className="sidebar-empty">{search.trim() ? `Nothing matches “${search.trim()}”.` : 'Your conversations will appear here.'}</p>}
      {deleting && (
        <ConfirmDialog
          title="Delete this conversation?"
          confirmLabel="Delete"
          onConfirm={() => void confirmDelete()}
          onCancel={() => {
            setDeleting(null);
            setDeleteError(undefined);
          }}
        >
          <p>
            “{deleting.title}” and its messages will be deleted. What it cost stays in your spending history and in this month’s
            totals.
          </p>
          {deleteError && <p role="alert">{deleteError}</p>}
        </ConfirmDialog>
      )}
    </aside>
  );
}
