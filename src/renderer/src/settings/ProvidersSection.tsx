import { useState } from 'react';
import { KeyStorageNotice } from './KeyStorageNotice';
import { ProviderCard } from './ProviderCard';
import { ProviderForm } from './ProviderForm';
import { useSettings } from './settings-store';

export function ProvidersSection() {
  const providers = useSettings((s) => s.providers);
  const [adding, setAdding] = useState(false);
  return (
    <section id="settings-providers" className="settings-section" aria-labelledby="settings-providers-title">
      <div className="settings-section-head">
        <h2 id="settings-providers-title">Providers</h2>
        {!adding && (
          <button type="button" className="settings-button primary" onClick={() => setAdding(true)}>
            Add provider
          </button>
        )}
      </div>
      <KeyStorageNotice />
      {adding && (
        <div className="settings-card">
          <h3>New provider</h3>
          <ProviderForm onClose={() => setAdding(false)} />
        </div>
      )}
      {providers?.length === 0 && !adding && (
        <p className="settings-muted">No provider yet. Add one with your API key to start chatting.</p>
      )}
      {providers?.map((provider) => <ProviderCard key={provider.id} provider={provider} />)}
    </section>
  );
}
