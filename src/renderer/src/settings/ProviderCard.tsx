import { useState } from 'react';
import type { ProviderSettingsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { ModelChooser } from './ModelChooser';
import { ModelDefaults } from './ModelDefaults';
import { ProviderForm } from './ProviderForm';
import { attempt, useSettings } from './settings-store';

type TestState = { state: 'idle' } | { state: 'testing' } | { state: 'ok'; models: string[] } | { state: 'failed'; message: string };

function keyLine(provider: ProviderSettingsView): string {
  if (!provider.keyStored) return provider.needsKey ? 'No key yet: this provider needs one' : 'No key (none needed)';
  return provider.keyLast4 ? `••••${provider.keyLast4}` : 'Stored (too short to show any of it)';
}

/** One configured provider: its endpoint, its masked key, a connection test and its models. */
export function ProviderCard({ provider }: { provider: ProviderSettingsView }) {
  const kindName = useSettings((s) => s.kinds?.find((k) => k.kind === provider.kind)?.displayName ?? provider.kind);
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [error, setError] = useState<string>();

  const runTest = async () => {
    setTest({ state: 'testing' });
    try {
      setTest({ state: 'ok', models: (await call('settingsProviderTest', { id: provider.id })).models });
    } catch (e) {
      setTest({ state: 'failed', message: (e as Error).message });
    }
  };
  const remove = async () =>
    setError(
      await attempt(async () => {
        await call('settingsProviderRemove', { id: provider.id });
        await useSettings.getState().refreshProviders();
      }),
    );
  const removeKey = async () =>
    setError(
      await attempt(async () => {
        await call('settingsProviderUpdate', { id: provider.id, removeKey: true });
        await useSettings.getState().refreshProviders();
      }),
    );

  return (
    <article className="settings-card" aria-label={provider.name}>
      <header className="settings-card-head">
        <div>
          <h3>{provider.name}</h3>
          <span className="settings-badge">{kindName}</span>
        </div>
        <div className="settings-actions">
          <button type="button" className="settings-button primary" onClick={() => void runTest()} disabled={test.state === 'testing'}>
            {test.state === 'testing' ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="settings-button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
            Edit
          </button>
          <button type="button" className="settings-button danger-outline" onClick={() => setConfirmRemove(true)}>
            Remove
          </button>
        </div>
      </header>

      <dl className="settings-pairs">
        <dt>Base URL</dt>
        <dd className="settings-mono">{provider.baseUrl}</dd>
        <dt>API key</dt>
        <dd>
          <span className="settings-mono" data-testid="masked-key">
            {keyLine(provider)}
          </span>
          {provider.keyStored && (
            <button type="button" className="settings-link" onClick={() => void removeKey()}>
              Remove key
            </button>
          )}
        </dd>
      </dl>
      {provider.urlWarning && <p className="settings-warning">{provider.urlWarning}</p>}

      {confirmRemove && (
        <div className="settings-callout warn" role="alertdialog" aria-label={`Remove ${provider.name}?`}>
          <p>
            Remove {provider.name}? Its key is deleted from the key store. Past requests stay in the ledger.
          </p>
          <div className="settings-actions">
            <button type="button" className="settings-button danger" onClick={() => void remove()}>
              Remove {provider.name}
            </button>
            <button type="button" className="settings-button" onClick={() => setConfirmRemove(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {editing && <ProviderForm provider={provider} onClose={() => setEditing(false)} />}

      {test.state === 'ok' && (
        <p role="status" className="settings-ok">
          Connected: {test.models.length} model{test.models.length === 1 ? '' : 's'} available.
        </p>
      )}
      {test.state === 'failed' && (
        <p role="alert" className="settings-error">
          {test.message}
        </p>
      )}
      {error && <p role="alert" className="settings-error">{error}</p>}

      <ModelChooser key={provider.models.map((m) => m.model).join('\n')} provider={provider} listed={test.state === 'ok' ? test.models : []} />
      <ModelDefaults provider={provider} />
    </article>
  );
}
