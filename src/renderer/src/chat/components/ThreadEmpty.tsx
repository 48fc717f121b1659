import { useNavigation } from '../../stores/navigation-store';

interface Props {
  hasProviders: boolean;
  hasConversations: boolean;
}

/** The empty thread: where to begin, or, with no provider configured, where to add one. */
export function ThreadEmpty({ hasProviders, hasConversations }: Props) {
  return (
    <div className="thread-empty">
      <h2>{hasConversations ? 'New chat' : 'No conversations yet'}</h2>
      {hasProviders ? (
        <p>Ask anything. Every answer shows its tokens and what it cost, and the composer tells you before you send.</p>
      ) : (
        <>
          <p>Add a provider in Settings, then start a chat. Tallychat calls it with your own API key, and every answer shows what it cost.</p>
          <button type="button" className="button primary" onClick={() => useNavigation.getState().show('settings')}>
            Open Settings
          </button>
        </>
      )}
    </div>
  );
}

/** In place of the composer when a conversation is open but no provider is left to send to. */
export function AddProviderNotice() {
  return (
    <div className="composer">
      <div className="notice info" role="status">
        <p>Add a provider in Settings to send messages.</p>
        <button type="button" className="button" onClick={() => useNavigation.getState().show('settings')}>
          Open Settings
        </button>
      </div>
    </div>
  );
}
