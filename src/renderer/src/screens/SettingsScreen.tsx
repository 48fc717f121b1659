import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/contract/app-contract';
import { call } from '../api/tallychat-client';

export function SettingsScreen() {
  const [info, setInfo] = useState<AppInfo>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call('appInfo', {}).then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <section className="screen" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      <h2>About</h2>
      {error && <p role="alert">{error}</p>}
      {info && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Data folder</dt>
          <dd>{info.dataDir}</dd>
          <dt>Database</dt>
          <dd>{info.databaseFile}</dd>
          <dt>Schema version</dt>
          <dd>{info.schemaVersion}</dd>
        </dl>
      )}
    </section>
  );
}
