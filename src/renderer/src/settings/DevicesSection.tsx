import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { DevicesView } from '../../../shared/contract/devices-contract';
import { formatDuration, formatLastSeen } from '../../../shared/format-last-seen';
import { devicesOverviewQuery, messageOf, queryClient, queryKeys, spendMoved } from '../api/server-state';
import { call } from '../api/tallychat-client';

/** A change answered with the new overview: put it in the cache, and let caps and Spending read again. */
function settle(view: DevicesView): void {
  queryClient.setQueryData(queryKeys.devices, view);
  spendMoved();
}

/**
 * Settings → Devices: this device's name, the folder it shares with the person's other devices
 * (inside Dropbox, iCloud Drive, OneDrive, Syncthing…), and when each other device was last seen.
 */
export function DevicesSection() {
  const query = useQuery(devicesOverviewQuery());
  return (
    <section id="settings-devices" className="settings-section" aria-labelledby="settings-devices-title">
      <div className="settings-section-head">
        <h2 id="settings-devices-title">Devices</h2>
      </div>
      <div className="settings-card">
        {query.error && <p role="alert" className="settings-error">Could not read the devices: {messageOf(query.error)}</p>}
        {query.data && (
          <>
            <NameForm view={query.data} />
            <FolderForm view={query.data} />
            <OtherDevices view={query.data} />
          </>
        )}
      </div>
    </section>
  );
}

function NameForm({ view }: { view: DevicesView }) {
  const id = useId();
  const [name, setName] = useState(view.thisDevice.name);
  const rename = useMutation({ mutationFn: (next: string) => call('devicesRename', { name: next }), onSuccess: settle });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate(name.trim());
  };
  return (
    <form className="settings-form flat" aria-label="This device" onSubmit={submit}>
      <div className="settings-field">
        <label htmlFor={id}>This device&apos;s name</label>
        <div className="settings-inline">
          <input id={id} value={name} maxLength={80} required onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="settings-button" disabled={rename.isPending}>
            Rename
          </button>
        </div>
        <p className="settings-muted">Other devices show this name beside its spending.</p>
      </div>
      {rename.error && <p role="alert" className="settings-error">{messageOf(rename.error)}</p>}
    </form>
  );
}

function FolderForm({ view }: { view: DevicesView }) {
  const id = useId();
  const [folder, setFolder] = useState(view.syncFolder ?? '');
  const choose = useMutation({ mutationFn: (next: string | null) => call('devicesSetFolder', { folder: next }), onSuccess: settle });
  const syncNow = useMutation({ mutationFn: () => call('devicesSyncNow', {}), onSuccess: settle });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    choose.mutate(folder.trim());
  };
  const status = view.sync;
  return (
    <form className="settings-form flat" aria-label="Sync folder" onSubmit={submit}>
      <div className="settings-field">
        <label htmlFor={id}>Sync folder</label>
        <div className="settings-inline">
          <input id={id} value={folder} placeholder="/Users/ana/Dropbox/Tallychat" onChange={(e) => setFolder(e.target.value)} />
          <button type="submit" className="settings-button" disabled={choose.isPending || !folder.trim()}>
            Use this folder
          </button>
          {view.syncFolder !== null && (
            <button type="button" className="settings-link" onClick={() => (setFolder(''), choose.mutate(null))}>
              Stop syncing
            </button>
          )}
        </div>
        <p className="settings-muted">
          A folder inside the one your sync engine keeps in step. Each device writes only its own files there (finished requests&apos;
          tokens and costs, never your messages or keys), so one cap counts every device.
        </p>
      </div>
      {choose.error && <p role="alert" className="settings-error">{messageOf(choose.error)}</p>}
      {view.syncFolder !== null && (
        <div className="settings-actions">
          <button type="button" className="settings-button" disabled={syncNow.isPending} onClick={() => syncNow.mutate()}>
            {syncNow.isPending ? 'Syncing…' : 'Sync now'}
          </button>
          <span role="status" className={status.state === 'ok' || status.state === 'never' ? 'settings-muted' : 'settings-error'}>
            {status.message ?? (status.lastSyncAt === null ? 'Not synced yet.' : `Synced ${formatLastSeen(status.lastSyncAt, Date.now())}.`)}
          </span>
        </div>
      )}
      {syncNow.error && <p role="alert" className="settings-error">{messageOf(syncNow.error)}</p>}
    </form>
  );
}

function OtherDevices({ view }: { view: DevicesView }) {
  if (view.syncFolder === null && view.devices.length === 0) return null;
  const now = Date.now();
  return (
    <div className="settings-field">
      <h3>Other devices</h3>
      {view.devices.length === 0 ? (
        <p className="settings-muted">No other device has synced to this folder yet.</p>
      ) : (
        <ul className="devices-list" aria-label="Other devices">
          {view.devices.map((device) => (
            <li key={device.deviceId} data-stale={device.stale}>
              <strong>{device.name}</strong> · last seen {formatLastSeen(device.lastSeenAt, now)} · {device.rows}{' '}
              {device.rows === 1 ? 'request' : 'requests'}
              {device.missingRows > 0 && ` (${device.missingRows} still arriving)`}
              {device.stale && <span className="settings-error"> · not seen for over {formatDuration(view.staleAfterMs)}: caps count only what has arrived</span>}
            </li>
          ))}
        </ul>
      )}
      {view.sync.skipped.length > 0 && (
        <ul className="devices-skipped" aria-label="Files left out">
          {view.sync.skipped.map((file) => (
            <li key={`${file.deviceId}/${file.file}`} className="settings-muted">
              {file.file} {file.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
