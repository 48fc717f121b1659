import { useId, useState, type FormEvent } from 'react';
import type { CapView } from '../../../shared/contract/budget-contract';
import { formatUsdForDisplay } from '../../../shared/format-money';
import { nanodollars } from '../../../shared/money';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

type Scope = CapView['scope'];

/** Monthly caps: overall, per provider, per model. Spent is the ledger's sum for the month, as main reports it. */
export function BudgetsSection() {
  const budgets = useSettings((s) => s.budgets);
  const [error, setError] = useState<string>();
  const clear = async (cap: CapView) =>
    setError(
      await attempt(async () => useSettings.getState().setBudgets(await call('settingsBudgetClear', { scope: cap.scope, scopeValue: cap.scopeValue }))),
    );

  return (
    <section id="settings-budgets" className="settings-section" aria-labelledby="settings-budgets-title">
      <div className="settings-section-head">
        <h2 id="settings-budgets-title">Budgets</h2>
        {budgets && <span className="settings-muted">Month {budgets.month}</span>}
      </div>
      <p className="settings-muted">
        A request that would pass a cap is refused before anything is sent. A strict cap also stops an answer mid-stream when it reaches the cap.
      </p>
      {budgets && budgets.caps.length > 0 && (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Cap</th>
              <th scope="col">Per month</th>
              <th scope="col">Spent</th>
              <th scope="col">Warn at</th>
              <th scope="col">Strict</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {budgets.caps.map((cap) => (
              <tr key={cap.budgetId}>
                <th scope="row">{cap.label}</th>
                <td>{formatUsdForDisplay(nanodollars(cap.capNanos))}</td>
                <td>
                  <span className={cap.percentUsed >= 100 ? 'settings-error' : cap.percentUsed >= cap.warnAtPercent ? 'settings-warning' : ''}>
                    {formatUsdForDisplay(nanodollars(cap.spentNanos))} ({cap.percentUsed}%)
                  </span>
                </td>
                <td>{cap.warnAtPercent}%</td>
                <td>{cap.strict ? 'Yes' : 'No'}</td>
                <td>
                  <button type="button" className="settings-link" onClick={() => void clear(cap)} aria-label={`Remove the ${cap.label}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {budgets && budgets.caps.length === 0 && <p className="settings-muted">No cap yet: nothing stops spending.</p>}
      {error && <p role="alert" className="settings-error">{error}</p>}
      {budgets && (
        <div className="settings-card">
          <h3>Set a cap</h3>
          <CapForm key={budgets.caps.length} strictByDefault={budgets.strictCapsByDefault} providers={budgets.providers} />
        </div>
      )}
    </section>
  );
}

function CapForm({ strictByDefault, providers }: { strictByDefault: boolean; providers: { id: string; name: string }[] }) {
  const id = useId();
  const [scope, setScope] = useState<Scope>('overall');
  const [scopeValue, setScopeValue] = useState('');
  const [cap, setCap] = useState('');
  const [warnAt, setWarnAt] = useState('80');
  const [strict, setStrict] = useState(strictByDefault);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(
      await attempt(async () => {
        const view = await call('settingsBudgetSet', {
          scope,
          ...(scope === 'overall' ? {} : { scopeValue: scope === 'provider' ? scopeValue || (providers[0]?.id ?? '') : scopeValue }),
          cap: cap.trim(),
          warnAtPercent: Number(warnAt),
          strict,
        });
        useSettings.getState().setBudgets(view);
      }),
    );
  };

  return (
    <form className="settings-form flat" aria-label="Set a cap" onSubmit={(e) => void submit(e)}>
      <div className="settings-grid">
        <div className="settings-field">
          <label htmlFor={`${id}-scope`}>Applies to</label>
          <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
            <option value="overall">Everything</option>
            <option value="provider" disabled={providers.length === 0}>
              One provider
            </option>
            <option value="model">One model</option>
          </select>
        </div>
        {scope === 'provider' && (
          <div className="settings-field">
            <label htmlFor={`${id}-provider`}>Provider</label>
            <select id={`${id}-provider`} value={scopeValue || providers[0]?.id} onChange={(e) => setScopeValue(e.target.value)}>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {scope === 'model' && (
          <div className="settings-field">
            <label htmlFor={`${id}-model`}>Model</label>
            <input id={`${id}-model`} required value={scopeValue} placeholder="gpt-4o" onChange={(e) => setScopeValue(e.target.value)} />
          </div>
        )}
        <div className="settings-field">
          <label htmlFor={`${id}-cap`}>Monthly cap</label>
          <div className="settings-money">
            <span aria-hidden="true">$</span>
            <input id={`${id}-cap`} inputMode="decimal" required value={cap} placeholder="20.00" onChange={(e) => setCap(e.target.value)} />
          </div>
        </div>
        <div className="settings-field">
          <label htmlFor={`${id}-warn`}>Warn at (%)</label>
          <input id={`${id}-warn`} type="number" min={1} max={100} required value={warnAt} onChange={(e) => setWarnAt(e.target.value)} />
        </div>
        <div className="settings-field checkbox">
          <label>
            <input type="checkbox" checked={strict} onChange={(e) => setStrict(e.target.checked)} /> Strict: stop answers at the cap
          </label>
        </div>
      </div>
      {error && <p role="alert" className="settings-error">{error}</p>}
      <div className="settings-actions">
        <button type="submit" className="settings-button primary">
          Set cap
        </button>
      </div>
    </form>
  );
}
