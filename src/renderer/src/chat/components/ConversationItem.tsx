import { memo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ConversationView } from '../../../../shared/contract/chat-contract';
import { PencilIcon, TrashIcon } from './icons';
import { money } from '../../money/display-money';

interface Props {
  conversation: ConversationView;
  active: boolean;
  onOpen(id: string): void;
  onRename(id: string, title: string): Promise<void>;
  onDelete(conversation: ConversationView): void;
}

/** One conversation in the sidebar: its title and total cost; renamed in place. */
export const ConversationItem = memo(function ConversationItem({ conversation, active, onOpen, onRename, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<string>();
  // Enter submits and the input's blur follows: one rename, not two; after Esc, none.
  const saving = useRef(false);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const next = title.trim();
    if (saving.current) return;
    if (!next || next === conversation.title) return setEditing(false);
    saving.current = true;
    try {
      await onRename(conversation.id, next);
      setEditing(false);
      setError(undefined);
    } catch (failure) {
      saving.current = false;
      setError(`Could not rename: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      saving.current = true;
      setEditing(false);
    }
  };

  const cost = money(conversation.totalCostNanos);
  const unpriced = conversation.unpricedRequests > 0;
  return (
    <li className={`conversation${active ? ' active' : ''}`}>
      {editing ? (
        <form className="conversation-rename" onSubmit={save}>
          <input
            aria-label="Conversation title"
            value={title}
            maxLength={300}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => void save()}
            autoFocus
          />
          {error && <p role="alert">{error}</p>}
        </form>
      ) : (
        <>
          <button type="button" className="conversation-open" aria-current={active ? 'true' : undefined} onClick={() => onOpen(conversation.id)}>
            <span className="conversation-title">{conversation.title}</span>
            <span
              className="conversation-cost"
              title={unpriced ? `${conversation.unpricedRequests} request(s) have no known price and are not in this total` : 'Total cost of this conversation'}
            >
              {cost}
              {unpriced && ' +?'}
            </span>
          </button>
          <div className="conversation-actions">
            <button
              type="button"
              className="icon-button"
              aria-label={`Rename “${conversation.title}”`}
              title="Rename"
              onClick={() => {
                saving.current = false;
                setTitle(conversation.title);
                setEditing(true);
              }}
            >
              <PencilIcon />
            </button>
            <button type="button" className="icon-button" aria-label={`Delete “${conversation.title}”`} title="Delete" onClick={() => onDelete(conversation)}>
              <TrashIcon />
            </button>
          </div>
        </>
      )}
    </li>
  );
});
