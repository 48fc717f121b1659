import { useId, useState } from 'react';
import type { ProviderSettingsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

interface Props {
  provider: ProviderSettingsView;
  /** What the last connection test listed; empty before one. */
  listed: string[];
}

/** Which of the endpoint's models appear in the chat's model picker. */
export function ModelChooser({ provider, listed }: Props) {
  const enabled = provider.models.map((m) => m.model);
  const [chosen, setChosen] = useState<string[]>(enabled);
  const [extra, setExtra] = useState('');
  const [added, setAdded] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const extraId = useId();
  const candidates = [...new Set([...enabled, ...listed, ...added])];
  const dirty = chosen.length !== enabled.length || chosen.some((m, i) => m !== enabled[i]);

  const toggle = (model: string, on: boolean) => {
    setSaved(false);
    setChosen((current) => (on ? [...current.filter((m) => m !== model), model] : current.filter((m) => m !== model)));
  };
  const addByName = () => {
    const model = extra.trim();
    if (!model) return;
    setAdded((current) => [...current, model]);
    toggle(model, true);
    setExtra('');
  };
  const save = async () => {
    const failure = await attempt(async () => {
      await call('settingsProviderModels', { id: provider.id, models: chosen });
      await useSettings.getState().refreshProviders();
    });
    setError(failure);
    setSaved(!failure);
  };

  return (
    <fieldset className="settings-models">
      <legend>Models in the picker</legend>
      {candidates.length === 0 ? (
        <p className="settings-muted">Test the connection to list this provider&apos;s models, or add one by name.</p>
      ) : (
        <ul className="settings-checklist">
          {candidates.map((model) => (
            <li key={model}>
              <label>
                <input type="checkbox" checked={chosen.includes(model)} onChange={(e) => toggle(model, e.target.checked)} />
                <span className="settings-mono">{model}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="settings-inline">
        <label htmlFor={extraId} className="visually-hidden">
          Model name
        </label>
        <input
          id={extraId}
          value={extra}
          placeholder="Add a model by name"
          onChange={(e) => setExtra(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addByName();
            }
          }}
        />
        <button type="button" className="settings-button" onClick={addByName} disabled={!extra.trim()}>
          Add model
        </button>
        <button type="button" className="settings-button primary" onClick={() => void save()} disabled={!dirty}>
          Save models
        </button>
        {saved && !dirty && <span role="status" className="settings-ok">Saved</span>}
      </div>
      {error && <p role="alert" className="settings-error">{error}</p>}
    </fieldset>
  );
}
