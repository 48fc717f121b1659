import { useState } from 'react';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

/** Where keys are kept; where there is no keychain, the plain explanation and the explicit consent. */
export function KeyStorageNotice() {
  const keyStorage = useSettings((s) => s.keyStorage);
  const [error, setError] = useState<string>();
  if (!keyStorage) return null;
  const weaker = keyStorage.weakerScheme;
  const needsConsent = weaker !== null && !weaker.accepted;

  const accept = async () =>
    setError(
      await attempt(async () => useSettings.getState().setKeyStorage(await call('settingsAcceptWeakerKeyStorage', { accept: true }))),
    );

  return (
    <div className={needsConsent ? 'settings-callout warn' : 'settings-callout'} role={needsConsent ? 'alert' : undefined}>
      <p>
        <strong>API keys are kept in:</strong> <span data-testid="key-storage">{keyStorage.description}</span>
      </p>
      <p className="settings-muted">Keys stay in Tallychat&apos;s main process. This window only ever sees their last four characters.</p>
      {needsConsent && (
        <>
          <p>{weaker.reason}</p>
          <p>{weaker.scheme}</p>
          <div className="settings-actions">
            <button type="button" className="settings-button danger" onClick={() => void accept()}>
              Store keys with the weaker scheme
            </button>
          </div>
        </>
      )}
      {error && <p role="alert" className="settings-error">{error}</p>}
    </div>
  );
}
