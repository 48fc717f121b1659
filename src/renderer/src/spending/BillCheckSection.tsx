import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BillCheckAccountView, BillCheckView } from '../../../shared/contract/bill-check-contract';
import { exactUsd, percentOfBasisPoints, signedUsd, thresholdText } from '../../../shared/format-bill';
import { messageOf } from '../api/server-state';
import { call } from '../api/tallychat-client';
import { BillCheckChart } from './BillCheckChart';
import { billCheckAccountsQuery, billCheckViewQuery, settleBillCheck } from './bill-check-queries';
import { count, dateTime } from './format';

/**
 * The bill check: the provider's own account figures against the ledger, per UTC day, for the
 * providers the user opted in for in Settings. "Check now" is the only thing here that calls out.
 */
export function BillCheckSection({ timeZone }: { timeZone: string }) {
  const accounts = useQuery(billCheckAccountsQuery());
  const enabled = (accounts.data ?? []).filter((account) => account.enabled);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = enabled.find((account) => account.providerId === chosen) ?? enabled[0];
  return (
    <section className="spending-panel" aria-labelledby="bill-check-heading">
      <div className="spending-panel-head">
        <h2 id="bill-check-heading">Bill check</h2>
        {enabled.length > 1 && (
          <label>
            Provider{' '}
            <select value={current?.providerId} onChange={(event) => setChosen(event.target.value)}>
              {enabled.map((account) => (
                <option key={account.providerId} value={account.providerId}>
                  {account.providerName}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {accounts.error && (
        <p role="alert" className="spending-error">
          {messageOf(accounts.error)}
        </p>
      )}
      {accounts.data && !current && (
        <p className="spending-muted">
          Check the ledger against what the provider itself billed: turn the bill check on for a provider in Settings → Bill check.
        </p>
      )}
      {current && <ProviderBillCheck key={current.providerId} account={current} timeZone={timeZone} />}
    </section>
  );
}

function ProviderBillCheck({ account, timeZone }: { account: BillCheckAccountView; timeZone: string }) {
  const stored = useQuery(billCheckViewQuery(account.providerId));
  const run = useMutation({ mutationFn: () => call('billCheckRun', { providerId: account.providerId }), onSuccess: settleBillCheck });
  const view = stored.data;
  return (
    <>
      <div className="bill-check-actions">
        <button type="button" className="spending-button primary" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? 'Checking…' : 'Check now'}
        </button>
        <span className="spending-muted">
          Calls {account.endpoints.length === 1 ? account.endpoints[0] : `${account.vendorName}'s ${account.endpoints.length} account endpoints`}
        </span>
      </div>
      {run.error && (
        <p role="alert" className="spending-error">
          {messageOf(run.error)}
        </p>
      )}
      {stored.error && (
        <p role="alert" className="spending-error">
          {messageOf(stored.error)}
        </p>
      )}
      {view && <BillCheckFigures view={view} timeZone={timeZone} />}
    </>
  );
}

function BillCheckFigures({ view, timeZone }: { view: BillCheckView; timeZone: string }) {
  const flagged = view.days.filter((day) => day.flagged);
  const otherApps = view.days.flatMap((day) => day.otherApp.map((line) => ({ day: day.day, ...line })));
  return (
    <>
      <p className="spending-muted" data-testid="bill-check-meta">
        {view.providerName} · {view.monthLabel} · by UTC day, as the provider bills · flagged above {thresholdText(view.thresholdBasisPoints)} ·{' '}
        {view.fetchedAt === null ? 'not fetched yet' : `fetched ${dateTime(view.fetchedAt, timeZone)}`}
      </p>
      {view.note && <p className="spending-muted">{view.note}</p>}
      {view.balances.length > 0 && (
        <dl className="spending-figures">
          {view.balances.map((balance) => (
            <div key={balance.currency} data-figure={`balance-${balance.currency}`}>
              <dt>Balance{balance.currency === 'USD' ? '' : ` (${balance.currency})`}</dt>
              <dd>
                {balance.currency === 'USD' ? exactUsd(balance.totalNanos) : `${exactUsd(balance.totalNanos).slice(1)} ${balance.currency}`}
                {balance.usedNanos !== null && balance.purchasedNanos !== null && ` (${exactUsd(balance.usedNanos)} used of ${exactUsd(balance.purchasedNanos)})`}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {view.accountUsage && (
        <p className="spending-muted" data-testid="bill-check-account-usage">
          From {dateTime(view.accountUsage.fromMs, timeZone)} to {dateTime(view.accountUsage.toMs, timeZone)} the account used{' '}
          {exactUsd(view.accountUsage.accountUsedNanos)}: {exactUsd(view.accountUsage.tallychatNanos)} by Tallychat&apos;s requests,{' '}
          {exactUsd(view.accountUsage.otherAppNanos)} by other apps or keys
          {view.accountUsage.uncomparedRequests > 0 && ` (${count(view.accountUsage.uncomparedRequests)} of Tallychat's requests not priced yet)`}.
        </p>
      )}
      {view.totals !== null && (
        <>
          <dl className="spending-figures">
            <div data-figure="bill-billed">
              <dt>Billed (Tallychat's use)</dt>
              <dd>{exactUsd(view.totals.billedNanos)}</dd>
            </div>
            <div data-figure="bill-ledger">
              <dt>Ledger, same days</dt>
              <dd>{exactUsd(view.totals.ledgerNanos)}</dd>
            </div>
            <div data-figure="bill-difference">
              <dt>Difference</dt>
              <dd>{signedUsd(view.totals.differenceNanos)}</dd>
            </div>
            <div data-figure="bill-flagged">
              <dt>Days flagged</dt>
              <dd>{count(view.flaggedDays)}</dd>
            </div>
            <div data-figure="bill-other-apps">
              <dt>Other apps on the account</dt>
              <dd>{view.totals.otherAppNanos === null ? 'known after two checks' : exactUsd(view.totals.otherAppNanos)}</dd>
            </div>
          </dl>
          <BillCheckChart days={view.days} />
          <table className="spending-table">
            <caption className="visually-hidden">Provider-billed against the ledger, per UTC day</caption>
            <thead>
              <tr>
                <th scope="col">Day (UTC)</th>
                <th scope="col">Ledger</th>
                <th scope="col">Billed</th>
                <th scope="col">Difference</th>
                <th scope="col">Other apps</th>
              </tr>
            </thead>
            <tbody>
              {view.days.map((day) => (
                <tr key={day.day} data-flagged={day.flagged ? 'true' : undefined} className={day.flagged ? 'bill-check-flagged' : undefined}>
                  <td>
                    {day.day}
                    {day.flagged && <span className="bill-check-flag"> over {thresholdText(view.thresholdBasisPoints)}</span>}
                  </td>
                  <td>{exactUsd(day.ledgerNanos)}</td>
                  <td>{day.billedNanos === null ? 'not fetched' : exactUsd(day.billedNanos)}</td>
                  <td>
                    {day.differenceNanos === null
                      ? '—'
                      : `${signedUsd(day.differenceNanos)}${day.differenceBasisPoints === null ? '' : ` (${percentOfBasisPoints(day.differenceBasisPoints)})`}`}
                  </td>
                  <td>{day.otherAppNanos === null ? '—' : day.otherAppNanos === 0 ? '' : exactUsd(day.otherAppNanos)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {flagged.length > 0 && (
            <p className="spending-muted">
              {flagged.length === 1 ? '1 day differs' : `${count(flagged.length)} days differ`} by more than {thresholdText(view.thresholdBasisPoints)}:{' '}
              {flagged.map((day) => day.day).join(', ')}.
            </p>
          )}
          {view.days.some((day) => day.unpricedRequests > 0) && (
            <p className="spending-muted" data-testid="bill-check-unpriced">
              Requests of unknown price, in no ledger sum above:{' '}
              {view.days
                .filter((day) => day.unpricedRequests > 0)
                .map((day) => `${day.day} (${count(day.unpricedRequests)})`)
                .join(', ')}
              .
            </p>
          )}
          {otherApps.length > 0 && (
            <table className="spending-table">
              <caption>Billed but never sent by Tallychat (another app on the account; not drift)</caption>
              <thead>
                <tr>
                  <th scope="col">Day (UTC)</th>
                  <th scope="col">Project or model</th>
                  <th scope="col">Billed</th>
                </tr>
              </thead>
              <tbody>
                {otherApps.map((line) => (
                  <tr key={`${line.day}-${line.label}`}>
                    <td>{line.day}</td>
                    <td>{line.label}</td>
                    <td>{exactUsd(line.amountNanos)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
