import { useState } from 'react';
import type { ModelDefaultsView, ProviderSettingsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { ApiChoice } from './ApiChoice';
import { attempt, useSettings } from './settings-store';

/** Per enabled model: the max output tokens and temperature a chat uses unless it says otherwise, and its API. */
export function ModelDefaults({ provider }: { provider: ProviderSettingsView }) {
  if (provider.models.length === 0) return null;
  const choosesApi = provider.models.some((m) => m.api !== null);
  return (
    <table className="settings-table compact">
      <caption>Defaults per model</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Max output tokens</th>
          <th scope="col">Temperature</th>
          {choosesApi && <th scope="col">API</th>}
          <th scope="col">
            <span className="visually-hidden">Save</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {provider.models.map((m) => (
          <DefaultsRow
            key={`${m.model}:${m.maxOutputTokens}:${m.temperature}`}
            providerId={provider.id}
            defaults={m}
            choosesApi={choosesApi}
          />
        ))}
      </tbody>
    </table>
  );
}

function DefaultsRow({ providerId, defaults, choosesApi }: { providerId: string; defaults: ModelDefaultsView; choosesApi: boolean }) {
  const [maxTokens, setMaxTokens] = useState(defaults.maxOutputTokens?.toString() ?? '');
  const [temperature, setTemperature] = useState(defaults.temperature?.toString() ?? '');
  const [error, setError] = useState<string>();
  const dirty = maxTokens !== (defaults.maxOutputTokens?.toString() ?? '') || temperature !== (defaults.temperature?.toString() ?? '');

  const save = async () =>
    setError(
      await attempt(async () => {
        await call('settingsModelDefaults', {
          id: providerId,
          model: defaults.model,
          maxOutputTokens: maxTokens.trim() ? Number(maxTokens) : null,
          temperature: temperature.trim() ? Number(temperature) : null,
        });
        await useSettings.getState().refreshProviders();
      }),
    );

  return (
    <tr>
      <th scope="row" className="settings-mono">
        {defaults.model}
      </th>
      <td>
        <input
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          aria-label={`Max output tokens for ${defaults.model}`}
          placeholder="Provider default"
          value={maxTokens}
          onChange={(e) => setMaxTokens(e.target.value)}
        />
      </td>
      <td>
        <input
          type="number"
          min={0}
          max={2}
          step={0.1}
          aria-label={`Temperature for ${defaults.model}`}
          placeholder="Provider default"
          value={temperature}
          onChange={(e) => setTemperature(e.target.value)}
        />
      </td>
      {choosesApi && (
        <td>
          <ApiChoice providerId={providerId} defaults={defaults} />
        </td>
      )}
      <td>
        <button type="button" className="settings-button" disabled={!dirty} onClick={() => void save()} aria-label={`Save defaults for ${defaults.model}`}>
          Save
        </button>
        {error && <p role="alert" className="settings-error">{error}</p>}
      </td>
    </tr>
  );
}
