import { useState } from 'react';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

/** About this install and its data: version, data folder, database, schema, and a consistent backup. */
export function DataSection() {
  const info = useSettings((s) => s.info);
  const general = useSettings((s) => s.general);
  const [backup, setBackup] = useState<{ file: string; bytes: number }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const runBackup = async () => {
    setBusy(true);
    setError(await attempt(async () => setBackup(await call('settingsBackupDatabase', {}))));
    setBusy(false);
  };

  return (
    <section id="settings-data" className="settings-section" aria-labelledby="settings-data-title">
      <div className="settings-section-head">
        <h2 id="settings-data-title">Data and about</h2>
      </div>
      <div className="settings-card">
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
        <div className="settings-actions spaced">
          <button type="button" className="settings-button" onClick={() => void runBackup()} disabled={busy}>
            {busy ? 'Backing up…' : 'Back up database'}
          </button>
          {general && !backup && <span className="settings-muted">A consistent copy, made while Tallychat runs, into {general.backupsDir}</span>}
        </div>
        {backup && (
          <p role="status" className="settings-ok">
            Saved a copy ({Math.ceil(backup.bytes / 1024)} KB) to <span className="settings-mono">{backup.file}</span>. It holds no API keys.
          </p>
        )}
        {error && <p role="alert" className="settings-error">{error}</p>}
      </div>
    </section>
  );
}
