import { memo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MessageView } from '../../../../shared/contract/chat-contract';
import { SentAttachments } from './SentAttachments';

interface Props {
  message: MessageView;
  /** Last turn, nothing running: the message can be edited and sent again. */
  canEdit: boolean;
  onResend(text: string): void;
}

/** The user's message with the files it carried; on the last turn its text can be edited in place and sent again. */
export const UserMessage = memo(function UserMessage({ message, canEdit, onResend }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setEditing(false);
    onResend(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
    if (event.key === 'Escape') {
      // Esc here cancels the edit; it must not also reach the window's "stop streaming" key.
      event.preventDefault();
      setEditing(false);
    }
  };

  if (editing) {
    return (
      <article className="message user editing" aria-label="Your message">
        <form className="edit-form" onSubmit={submit}>
          <textarea
            aria-label="Edit message"
            value={draft}
            rows={Math.min(12, Math.max(2, draft.split('\n').length))}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            autoFocus
          />
          <div className="edit-actions">
            <button type="button" className="button ghost" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={!draft.trim()}>
              Save and send
            </button>
          </div>
        </form>
      </article>
    );
  }
  return (
    <article className="message user" aria-label="Your message">
      {canEdit && (
        <button
          type="button"
          className="link-button user-edit"
          onClick={() => {
            setDraft(message.content);
            setEditing(true);
          }}
        >
          Edit
        </button>
      )}
      <div className="user-turn">
        <SentAttachments attachments={message.attachments} />
        <div className="user-bubble">{message.content}</div>
      </div>
    </article>
  );
});
