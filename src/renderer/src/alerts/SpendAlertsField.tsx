import { useEffect, useState } from 'react';
import type { GeneralSettingsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from '../settings/settings-store';
import { browserCanNotify } from './browser-notifications';

/**
 * The switch for spend notifications, and in browser mode the browser's permission to show them,
 * asked only when the user clicks (browsers refuse a request that no gesture started).
 */
export function SpendAlertsField({ general }: { general: GeneralSettingsView }) {
  const [error, setError] = useState<string>();
  const [inBrowser, setInBrowser] = useState(false);
  const [permission, setPermission] = useState<NotificationPermission | undefined>();
  useEffect(() => {
    void browserCanNotify().then((can) => {
      setInBrowser(can);
      if (can) setPermission(Notification.permission);
    });
  }, []);
  const change = async (enabled: boolean) =>
    setError(await attempt(async () => useSettings.getState().setGeneral(await call('settingsSpendAlertsSet', { enabled }))));
  const allow = async () => setPermission(await Notification.requestPermission());
  return (
    <div className="settings-field">
      <label>
        <input type="checkbox" checked={general.spendAlerts} onChange={(e) => void change(e.target.checked)} /> Notify me about spending
      </label>
      <p className="settings-muted">
        Once when a monthly cap reaches its warning threshold, once when it is reached, and once on a day that costs more than 3× the
        usual (the median of the 14 days before).
      </p>
      {inBrowser && general.spendAlerts && permission !== 'granted' && (
        <div className="settings-inline">
          <button type="button" className="settings-button" onClick={() => void allow()} disabled={permission === 'denied'}>
            Allow browser notifications
          </button>
          {permission === 'denied' && <span className="settings-muted">This browser blocks them for this page: allow them in its site settings.</span>}
        </div>
      )}
      {inBrowser && permission === 'granted' && <p className="settings-muted">This browser shows them.</p>}
      {error && <p role="alert" className="settings-error">{error}</p>}
    </div>
  );
}
