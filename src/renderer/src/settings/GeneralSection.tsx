import { useId, useState, type FormEvent } from 'react';
import type { GeneralSettingsView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { SpendAlertsField } from '../alerts/SpendAlertsField';
import { DefaultSystemPromptField } from './DefaultSystemPromptField';
import { PromptCachingField } from './PromptCachingField';
import { attempt, useSettings } from './settings-store';

/** Display currency, time zone, the default system prompt, prompt caching, and where the data lives (with a backup of it). */
export function GeneralSection() {
  const general = useSettings((s) => s.general);
  return (
    <section id="settings-general" className="settings-section" aria-labelledby="settings-general-title">
      <div className="settings-section-head">
        <h2 id="settings-general-title">General</h2>
      </div>
      {general && (
        <div className="settings-card">
          <TimeZoneField general={general} />
          <CurrencyForm key={general.displayCurrency?.code ?? 'USD'} general={general} />
          <DefaultSystemPromptField general={general} />
          <PromptCachingField general={general} />
          <SpendAlertsField general={general} />
        </div>
      )}
    </section>
  );
}

function TimeZoneField({ general }: { general: GeneralSettingsView }) {
  const id = useId();
  const [error, setError] = useState<string>();
  const change = async (timeZone: string) =>
    setError(await attempt(async () => useSettings.getState().setGeneral(await call('settingsTimeZoneSet', { timeZone }))));
  const zones = general.timeZones.includes(general.timeZone) ? general.timeZones : [general.timeZone, ...general.timeZones];
  return (
    <div className="settings-field">
      <label htmlFor={id}>Time zone</label>
      <div className="settings-inline">
        <select id={id} value={general.timeZone} onChange={(e) => void change(e.target.value)}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone === general.systemTimeZone ? `${zone} (this computer)` : zone}
            </option>
          ))}
        </select>
        {general.timeZone !== general.systemTimeZone && (
          <button type="button" className="settings-link" onClick={() => void change(general.systemTimeZone)}>
            Use this computer&apos;s ({general.systemTimeZone})
          </button>
        )}
      </div>
      <p className="settings-muted">Months for budgets and days in reports follow this zone.</p>
      {error && <p role="alert" className="settings-error">{error}</p>}
    </div>
  );
}

function CurrencyForm({ general }: { general: GeneralSettingsView }) {
  const id = useId();
  const current = general.displayCurrency;
  const [code, setCode] = useState(current?.code ?? 'USD');
  const [rate, setRate] = useState(current?.usdRate ?? '');
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const upper = code.trim().toUpperCase();
    const failure = await attempt(async () =>
      useSettings
        .getState()
        .setGeneral(await call('settingsDisplayCurrencySet', { currency: upper === 'USD' ? null : { code: upper, usdRate: rate.trim() } })),
    );
    setError(failure);
    setSaved(!failure);
  };

  return (
    <form className="settings-form flat" aria-label="Display currency" onSubmit={(e) => void submit(e)}>
      <div className="settings-grid">
        <div className="settings-field">
          <label htmlFor={`${id}-code`}>Display currency</label>
          <input id={`${id}-code`} value={code} maxLength={3} onChange={(e) => (setCode(e.target.value), setSaved(false))} placeholder="USD" />
        </div>
        {code.trim().toUpperCase() !== 'USD' && (
          <div className="settings-field">
            <label htmlFor={`${id}-rate`}>{code.trim().toUpperCase() || 'Units'} per US dollar</label>
            <input id={`${id}-rate`} inputMode="decimal" required value={rate} placeholder="0.92" onChange={(e) => (setRate(e.target.value), setSaved(false))} />
          </div>
        )}
      </div>
      <p className="settings-muted">
        The ledger always records US dollars; another currency is a view at your rate
        {current ? ` (${current.usdRate} ${current.code} per USD, set ${current.asOf})` : ''}.
      </p>
      {error && <p role="alert" className="settings-error">{error}</p>}
      <div className="settings-actions">
        <button type="submit" className="settings-button">
          Save currency
        </button>
        {saved && <span role="status" className="settings-ok">Saved</span>}
      </div>
    </form>
  );
}
