import { EmptyState } from '../components/EmptyState';

export function ChatScreen() {
  return (
    <section className="screen" aria-labelledby="chat-heading">
      <h1 id="chat-heading" className="visually-hidden">
        Chat
      </h1>
      <EmptyState title="No conversations yet">
        <p>Add a provider in Settings, then start a chat. Every answer shows what it cost.</p>
      </EmptyState>
    </section>
  );
}
