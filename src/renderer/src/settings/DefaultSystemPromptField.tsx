import { useId, useState, type FormEvent } from 'react';
import type { GeneralSettingsView } from '../../../shared/contract/settings-contract';
import { SYSTEM_PROMPT_MAX_CHARS } from '../../../shared/system-prompt';
import { queryClient, queryKeys } from '../api/server-state';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

/** Standing instructions for every conversation without its own; they are sent, and paid for, with each message. */
export function DefaultSystemPromptField({ general }: { general: GeneralSettingsView }) {
  const id = useId();
  const [text, setText] = useState(general.defaultSystemPrompt);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const failure = await attempt(async () => useSettings.getState().setGeneral(await call('settingsDefaultSystemPromptSet', { text })));
    setError(failure);
    setSaved(!failure);
    // The composer's estimate counts the default system prompt: it is read again.
    if (!failure) void queryClient.invalidateQueries({ queryKey: queryKeys.estimate });
  };
  return (
    <form className="settings-form flat" aria-label="Default system prompt" onSubmit={(e) => void submit(e)}>
      <div className="settings-field">
        <label htmlFor={id}>Default system prompt</label>
        <textarea id={id} rows={3} maxLength={SYSTEM_PROMPT_MAX_CHARS} value={text} onChange={(e) => (setText(e.target.value), setSaved(false))} />
        <p className="settings-muted">
          Sent with every message of a conversation that has no system prompt of its own, and counted in its estimate. Empty sends none.
        </p>
      </div>
      {error && <p role="alert" className="settings-error">{error}</p>}
      <div className="settings-actions">
        <button type="submit" className="settings-button">
          Save system prompt
        </button>
        {saved && <span role="status" className="settings-ok">Saved</span>}
      </div>
    </form>
  );
}
