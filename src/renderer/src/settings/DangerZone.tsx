import { useId, useState } from 'react';
import { DELETE_HISTORY_CONFIRMATION, type HistoryDeletedView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Delete every conversation and ledger row, after the user types the phrase. */
export function DangerZone() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState<HistoryDeletedView>();
  const [error, setError] = useState<string>();

  const confirmDelete = async () => {
    const failure = await attempt(async () => {
      setDone(await call('settingsDeleteAllHistory', { confirm: DELETE_HISTORY_CONFIRMATION }));
      await useSettings.getState().refreshProviders();
    });
    setError(failure);
    if (!failure) {
      setOpen(false);
      setTyped('');
    }
  };

  return (
    <section id="settings-danger" className="settings-section" aria-labelledby="settings-danger-title">
      <div className="settings-section-head">
        <h2 id="settings-danger-title">Danger zone</h2>
      </div>
      <div className="settings-card danger">
        <div className="settings-card-head">
          <div>
            <h3>Delete all history</h3>
            <p className="settings-muted">
              Every conversation, message and metered request, so this month&apos;s spending starts again from zero. Providers, keys, prices and budgets stay.
            </p>
          </div>
          {!open && (
            <button type="button" className="settings-button danger-outline" onClick={() => (setOpen(true), setDone(undefined))}>
              Delete all history…
            </button>
          )}
        </div>
        {open && (
          <div className="settings-confirm">
            <label htmlFor={id}>
              Type <strong>{DELETE_HISTORY_CONFIRMATION}</strong> to confirm
            </label>
            <input id={id} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
            <div className="settings-actions">
              <button type="button" className="settings-button danger" disabled={typed.trim() !== DELETE_HISTORY_CONFIRMATION} onClick={() => void confirmDelete()}>
                Delete everything
              </button>
              <button type="button" className="settings-button" onClick={() => (setOpen(false), setTyped(''))}>
                Cancel
              </button>
            </div>
          </div>
        )}
        {done && (
          <p role="status" className="settings-ok">
            Deleted {count(done.conversations, 'conversation')}, {count(done.messages, 'message')} and {count(done.requests, 'request')}.
          </p>
        )}
        {error && <p role="alert" className="settings-error">{error}</p>}
      </div>
    </section>
  );
}
