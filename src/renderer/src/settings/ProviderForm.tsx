import { useId, useState, type FormEvent } from 'react';
import type { ProviderKindValue, ProviderSettingsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { BaseUrlField } from './BaseUrlField';
import { attempt, useSettings } from './settings-store';

interface Props {
  /** Absent: a new provider. */
  provider?: ProviderSettingsView;
  onClose(): void;
}

/** Add or edit a provider. The key field is write-only: it starts empty and is cleared once saved. */
export function ProviderForm({ provider, onClose }: Props) {
  const kinds = useSettings((s) => s.kinds) ?? [];
  const formId = useId();
  const [kind, setKind] = useState<ProviderKindValue>(provider?.kind ?? 'openai');
  const [name, setName] = useState(provider?.name ?? '');
  const [baseUrl, setBaseUrl] = useState(provider?.baseUrl ?? '');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const kindInfo = kinds.find((k) => k.kind === kind);
  /** Editing a field clears the last save's error: it was about what the field said before. */
  const edit = (setter: (value: string) => void) => (value: string) => {
    setter(value);
    setError(undefined);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const key = apiKey.trim() ? { apiKey: apiKey.trim() } : {};
    const url = baseUrl.trim() ? { baseUrl: baseUrl.trim() } : {};
    const named = name.trim() ? { name: name.trim() } : {};
    const failure = await attempt(async () => {
      if (provider) await call('settingsProviderUpdate', { id: provider.id, ...named, ...url, ...key });
      else await call('settingsProviderAdd', { kind, ...named, ...url, ...key });
      await useSettings.getState().refreshProviders();
    });
    setSaving(false);
    setApiKey('');
    if (failure) setError(failure);
    else onClose();
  };

  return (
    <form className="settings-form" aria-label={provider ? `Edit ${provider.name}` : 'New provider'} onSubmit={(e) => void submit(e)}>
      <div className="settings-grid">
        {!provider && (
          <div className="settings-field">
            <label htmlFor={`${formId}-kind`}>Kind</label>
            <select id={`${formId}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ProviderKindValue)}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.displayName}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="settings-field">
          <label htmlFor={`${formId}-name`}>Name</label>
          <input id={`${formId}-name`} value={name} placeholder={kindInfo?.displayName ?? ''} maxLength={100} onChange={(e) => edit(setName)(e.target.value)} />
        </div>
        <BaseUrlField id={`${formId}-url`} value={baseUrl} placeholder={provider ? '' : (kindInfo?.defaultBaseUrl ?? '')} onChange={edit(setBaseUrl)} />
        <div className="settings-field wide">
          <label htmlFor={`${formId}-key`}>API key</label>
          <input
            id={`${formId}-key`}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={apiKey}
            placeholder={
              provider?.keyStored ? `Leave empty to keep the key${provider.keyLast4 ? ` ending in ${provider.keyLast4}` : ''}` : kindInfo?.needsKey === false ? 'Optional' : ''
            }
            onChange={(e) => edit(setApiKey)(e.target.value)}
          />
        </div>
      </div>
      {error && <p role="alert" className="settings-error">{error}</p>}
      <div className="settings-actions">
        <button type="submit" className="settings-button primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save provider'}
        </button>
        <button type="button" className="settings-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
