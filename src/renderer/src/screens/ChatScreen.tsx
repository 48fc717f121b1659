import { useEffect, useMemo, useRef } from 'react';
import { ChatSidebar } from '../chat/components/ChatSidebar';
import { Composer, COMPOSER_INPUT_ID } from '../chat/components/Composer';
import { MessageList } from '../chat/components/MessageList';
import { AddProviderNotice, ThreadEmpty } from '../chat/components/ThreadEmpty';
import { ThreadHeader } from '../chat/components/ThreadHeader';
import { useChatShortcuts } from '../chat/hooks/use-chat-shortcuts';
import { useConversationList } from '../chat/state/conversations-store';
import { useModels } from '../chat/state/models-store';
import { stopAnswer } from '../chat/state/send-actions';
import { useThread, useThreadView } from '../chat/state/thread-store';
import '../chat/chat.css';
import '../chat/messages.css';
import '../chat/composer.css';
import '../chat/markdown/markdown.css';

function focusComposer(): void {
  document.getElementById(COMPOSER_INPUT_ID)?.focus();
}

export function ChatScreen() {
  const searchRef = useRef<HTMLInputElement>(null);
  const providers = useModels((s) => s.providers);
  const providersError = useModels((s) => s.loadError);
  const list = useConversationList();
  const hasConversations = (list.items?.length ?? 0) > 0 || list.search !== '';
  const { conversation, messages, loading, loadError } = useThreadView();

  useEffect(() => {
    // Providers may have been added in Settings since the last visit.
    void useModels.getState().load();
  }, []);

  const shortcuts = useMemo(
    () => ({
      newChat: () => {
        useThread.getState().newChat();
        focusComposer();
      },
      focusSearch: () => searchRef.current?.focus(),
      stop: () => void stopAnswer(),
    }),
    [],
  );
  useChatShortcuts(shortcuts);

  const hasProviders = (providers?.length ?? 0) > 0;
  const empty = messages.length === 0 && !loading && !loadError;
  return (
    <section className="chat-screen" aria-labelledby="chat-heading">
      <h1 id="chat-heading" className="visually-hidden">
        Chat
      </h1>
      <ChatSidebar searchRef={searchRef} onNewChat={shortcuts.newChat} />
      <div className="chat-main">
        {conversation && <ThreadHeader conversation={conversation} />}
        {loadError && (
          <p className="thread-error" role="alert">
            {loadError}
          </p>
        )}
        {providersError && (
          <p className="thread-error" role="alert">
            {providersError}
          </p>
        )}
        {empty ? (
          <ThreadEmpty hasProviders={providers === null || hasProviders} hasConversations={hasConversations} />
        ) : (
          <MessageList />
        )}
        {hasProviders ? <Composer /> : providers !== null && !empty && <AddProviderNotice />}
      </div>
    </section>
  );
}
