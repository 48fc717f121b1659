import type { ConversationView } from '../../../../shared/contract/chat-contract';
import { formatCount } from '../format/format-meta';
import { money } from '../../money/display-money';
import { ConversationExportButtons } from './ConversationExportButtons';
import { ConversationSystemPrompt } from './ConversationSystemPrompt';

/** The open conversation's title, what it has cost so far, its system prompt and its export. */
export function ThreadHeader({ conversation }: { conversation: ConversationView }) {
  const requests = `${formatCount(conversation.requests)} request${conversation.requests === 1 ? '' : 's'}`;
  return (
    <header className="thread-header">
      <h2 className="thread-title">{conversation.title}</h2>
      <p className="thread-cost" title="Sum of this conversation's priced requests, from the ledger">
        <span className="thread-cost-amount">{money(conversation.totalCostNanos)}</span>
        <span className="thread-cost-detail">
          {' '}
          · {requests}
          {conversation.cacheSavedNanos != null && conversation.cacheSavedNanos > 0 && (
            <span className="thread-cost-saved" title="What prompt caching saved over this conversation">
              {' '}
              · saved {money(conversation.cacheSavedNanos)}
            </span>
          )}
          {conversation.unpricedRequests > 0 && ` · ${formatCount(conversation.unpricedRequests)} without a known price`}
        </span>
      </p>
      <div className="thread-tools">
        <ConversationSystemPrompt key={conversation.id} conversation={conversation} />
        <ConversationExportButtons conversationId={conversation.id} />
      </div>
    </header>
  );
}
