import { useId, useState, type FormEvent } from 'react';
import type { ConversationView } from '../../../../shared/contract/chat-contract';
import { SYSTEM_PROMPT_MAX_CHARS } from '../../../../shared/system-prompt';
import { setConversationSystemPrompt } from '../state/conversations-store';

function summary(systemPrompt: string | null): string {
  if (systemPrompt === null) return 'System prompt: default';
  return systemPrompt === '' ? 'System prompt: none' : 'System prompt: this conversation’s';
}

/**
 * The open conversation's own system prompt, editable in its header. Its own (even empty, which
 * sends none) replaces the default of Settings; "Use the default" gives the default back.
 */
export function ConversationSystemPrompt({ conversation }: { conversation: ConversationView }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(conversation.systemPrompt ?? '');
  const [error, setError] = useState<string>();

  const save = async (value: string | null) => {
    setError(undefined);
    try {
      await setConversationSystemPrompt(conversation.id, value);
      setOpen(false);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(text);
  };

  if (!open) {
    return (
      <button type="button" className="button ghost thread-system-toggle" onClick={() => (setText(conversation.systemPrompt ?? ''), setOpen(true))}>
        {summary(conversation.systemPrompt)}
      </button>
    );
  }
  return (
    <form className="thread-system-form" aria-label="Conversation system prompt" onSubmit={submit}>
      <label htmlFor={id}>System prompt of this conversation</label>
      <textarea id={id} rows={3} maxLength={SYSTEM_PROMPT_MAX_CHARS} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <p className="thread-system-note">Sent with every message here and counted in its estimate. Empty sends none.</p>
      {error && <p role="alert" className="thread-error">{error}</p>}
      <div className="thread-system-actions">
        <button type="submit" className="button primary">
          Save system prompt
        </button>
        <button type="button" className="button ghost" onClick={() => void save(null)}>
          Use the default
        </button>
        <button type="button" className="button ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
