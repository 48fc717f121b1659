import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { BillCheckAccountView } from '../../../shared/contract/bill-check-contract';
import { thresholdText } from '../../../shared/format-bill';
import { messageOf } from '../api/server-state';
import { call } from '../api/tallychat-client';
import { billCheckChanged } from '../spending/bill-check-queries';

const settingsQuery = { queryKey: ['billCheck', 'settings'] as const, queryFn: () => call('billCheckSettings', {}) };

/** "2", "2.5", "12.25" → basis points, read as text so no float decides a threshold. */
function basisPointsOf(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return value >= 1 && value <= 10_000 ? value : null;
}

/**
 * Settings → Bill check: opt in per provider. Each card names every request the check will make
 * before it is turned on; admin keys are written here and never shown again, only "set".
 */
export function BillCheckSettings() {
  const query = useQuery(settingsQuery);
  return (
    <section id="settings-bill-check" className="settings-section" aria-labelledby="settings-bill-check-title">
      <div className="settings-section-head">
        <h2 id="settings-bill-check-title">Bill check</h2>
        <p className="settings-muted">
          Compare the ledger with what the provider itself billed. Off until you turn it on; besides chatting, these are the only
          calls Tallychat makes, and only when you press Check now (Spending) or run <code>tallychat bill-check</code>.
        </p>
      </div>
      {query.error && <p role="alert" className="settings-error">{messageOf(query.error)}</p>}
      {query.data && (
        <>
          <ThresholdForm key={query.data.thresholdBasisPoints} basisPoints={query.data.thresholdBasisPoints} />
          {query.data.accounts.length === 0 && <p className="settings-muted">No provider here has an account API Tallychat can check.</p>}
          {query.data.accounts.map((account) => (
            <AccountCard key={`${account.providerId}-${account.enabled}-${account.adminKeySet}`} account={account} />
          ))}
        </>
      )}
    </section>
  );
}

function ThresholdForm({ basisPoints }: { basisPoints: number }) {
  const id = useId();
  const [text, setText] = useState(thresholdText(basisPoints).replace('%', ''));
  const save = useMutation({ mutationFn: (value: number) => call('billCheckSetThreshold', { thresholdBasisPoints: value }), onSuccess: billCheckChanged });
  const parsed = basisPointsOf(text);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed !== null) save.mutate(parsed);
  };
  return (
    <form className="settings-card settings-form flat" aria-label="Bill check threshold" onSubmit={submit}>
      <div className="settings-field">
        <label htmlFor={id}>Flag a day when billed and ledger differ by more than (%)</label>
        <div className="settings-inline">
          <input id={id} value={text} inputMode="decimal" onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="settings-button" disabled={parsed === null || parsed === basisPoints || save.isPending}>
            Save
          </button>
        </div>
        {parsed === null && <p className="settings-error">Write a percentage from 0.01 to 100, e.g. 2 or 2.5.</p>}
      </div>
      {save.error && <p role="alert" className="settings-error">{messageOf(save.error)}</p>}
    </form>
  );
}

function AccountCard({ account }: { account: BillCheckAccountView }) {
  const keyId = useId();
  const scopeId = useId();
  const [adminKey, setAdminKey] = useState('');
  const [scope, setScope] = useState(account.ownScope ?? '');
  const enable = useMutation({
    mutationFn: () =>
      call('billCheckEnable', {
        providerId: account.providerId,
        vendor: account.vendor,
        ...(adminKey ? { adminKey } : {}),
        ...(account.scopeName ? { ownScope: scope.trim() || null } : {}),
      }),
    onSuccess: () => {
      // The key went to the key store; it must not linger in the page either.
      setAdminKey('');
      billCheckChanged();
    },
  });
  const disable = useMutation({ mutationFn: () => call('billCheckDisable', { providerId: account.providerId }), onSuccess: billCheckChanged });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate();
  };
  return (
    <form className="settings-card settings-form" aria-label={`Bill check for ${account.providerName}`} onSubmit={submit}>
      <div className="settings-card-head">
        <div>
          <h3>{account.providerName}</h3>
          <span className="settings-muted">{account.vendorName} account · {account.enabled ? 'on' : 'off'}</span>
        </div>
      </div>
      <div className="settings-field wide">
        <span>Each check calls:</span>
        <ul aria-label={`Endpoints the bill check for ${account.providerName} calls`}>
          {account.endpoints.map((endpoint) => (
            <li key={endpoint}>
              <code>{endpoint}</code>
            </li>
          ))}
        </ul>
        {!account.needsAdminKey && <p className="settings-muted">Read with this provider&apos;s own API key.</p>}
      </div>
      {account.needsAdminKey && (
        <div className="settings-field">
          <label htmlFor={keyId}>Admin key</label>
          <input id={keyId} type="password" autoComplete="off" value={adminKey} placeholder={account.adminKeySet ? 'set — type to replace' : 'not set'} onChange={(e) => setAdminKey(e.target.value)} />
          <p className="settings-muted">
            {account.adminKeySet ? 'Set. It is never shown again.' : 'An organization admin key, apart from the chat key; stored like API keys.'}
          </p>
        </div>
      )}
      {account.scopeName && (
        <div className="settings-field">
          <label htmlFor={scopeId}>Tallychat&apos;s {account.scopeName} (optional)</label>
          <input id={scopeId} value={scope} onChange={(e) => setScope(e.target.value)} />
          <p className="settings-muted">Spend billed to any other {account.scopeName.replace(' id', '')} is counted as another app&apos;s, not as drift.</p>
        </div>
      )}
      <div className="settings-actions">
        <button type="submit" className="settings-button" disabled={enable.isPending}>
          {account.enabled ? 'Save' : 'Turn on the bill check'}
        </button>
        {account.enabled && (
          <button type="button" className="settings-link" disabled={disable.isPending} onClick={() => disable.mutate()}>
            Turn off
          </button>
        )}
      </div>
      {enable.error && <p role="alert" className="settings-error">{messageOf(enable.error)}</p>}
      {disable.error && <p role="alert" className="settings-error">{messageOf(disable.error)}</p>}
    </form>
  );
}
