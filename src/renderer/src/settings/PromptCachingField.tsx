import { useState } from 'react';
import type { GeneralSettingsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

/** The automatic cache marks on long Anthropic conversations, which make later turns cheaper. */
export function PromptCachingField({ general }: { general: GeneralSettingsView }) {
  const [error, setError] = useState<string>();
  const change = async (enabled: boolean) =>
    setError(await attempt(async () => useSettings.getState().setGeneral(await call('settingsPromptCachingSet', { enabled }))));
  return (
    <div className="settings-field">
      <label>
        <input type="checkbox" checked={general.promptCaching} onChange={(e) => void change(e.target.checked)} /> Cache long conversations
        (Anthropic)
      </label>
      <p className="settings-muted">
        Marks the part of a long conversation that does not change, so the next message reads it from Anthropic&apos;s cache at a
        lower price. The first message that writes the cache costs a little more.
      </p>
      {error && <p role="alert" className="settings-error">{error}</p>}
    </div>
  );
}
