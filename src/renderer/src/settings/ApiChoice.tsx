import { useState } from 'react';
import type { ModelDefaultsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

const API_NAMES = { chat: 'Chat Completions', responses: 'Responses' } as const;

/** Which of OpenAI's APIs a model is called through; "default" follows the model (Responses for the pro and codex models). */
export function ApiChoice({ providerId, defaults }: { providerId: string; defaults: ModelDefaultsView }) {
  const [error, setError] = useState<string>();
  if (!defaults.api) return null;
  const { api, chosen } = defaults.api;
  const change = async (value: string) =>
    setError(
      await attempt(async () => {
        await call('settingsModelDefaults', {
          id: providerId,
          model: defaults.model,
          maxOutputTokens: defaults.maxOutputTokens,
          temperature: defaults.temperature,
          api: value === 'chat' || value === 'responses' ? value : null,
        });
        await useSettings.getState().refreshProviders();
      }),
    );
  return (
    <>
      <select aria-label={`API for ${defaults.model}`} value={chosen ? api : ''} onChange={(e) => void change(e.target.value)}>
        <option value="">{chosen ? 'Default' : `Default (${API_NAMES[api]})`}</option>
        <option value="chat">{API_NAMES.chat}</option>
        <option value="responses">{API_NAMES.responses}</option>
      </select>
      {error && <p role="alert" className="settings-error">{error}</p>}
    </>
  );
}
