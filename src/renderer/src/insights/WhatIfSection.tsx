import { useId, useState, type FormEvent } from 'react';
import type { WhatIfPrices } from '../../../shared/contract/insights-contract';
import type { PeriodRequest } from '../../../shared/contract/spending-contract';
import { count, usd, usdExact } from '../spending/format';
import { useWhatIf, useWhatIfModels, type WhatIfTarget } from './insights-queries';

const PRICE_FIELDS = [
  ['input', 'Input'],
  ['output', 'Output'],
  ['cacheRead', 'Cached input'],
  ['cacheWrite', 'Cache writes'],
] as const;

/** Typed prices, blanks left out (a missing cache price is charged at the input price, as everywhere). */
function typedPrices(fields: Record<(typeof PRICE_FIELDS)[number][0], string>): WhatIfPrices {
  const { input, output, cacheRead, cacheWrite } = fields;
  return { input, output, ...(cacheRead.trim() ? { cacheRead } : {}), ...(cacheWrite.trim() ? { cacheWrite } : {}) };
}

/** "What if this period had gone to another model?": the same stored tokens at that model's prices, side by side. */
export function WhatIfSection({ period }: { period: PeriodRequest }) {
  const id = useId();
  const models = useWhatIfModels();
  const [choice, setChoice] = useState('');
  const [ownPrices, setOwnPrices] = useState(false);
  const [fields, setFields] = useState({ input: '', output: '', cacheRead: '', cacheWrite: '' });
  const [target, setTarget] = useState<WhatIfTarget>();
  const { whatIf, loading, error } = useWhatIf(period, target);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const picked = models[Number(choice)];
    if (!picked) return;
    setTarget({ providerId: picked.providerId, model: picked.model, ...(ownPrices ? { prices: typedPrices(fields) } : {}) });
  };

  return (
    <section className="spending-panel" aria-labelledby="spending-what-if-heading">
      <div className="spending-panel-head">
        <h2 id="spending-what-if-heading">What if</h2>
      </div>
      <form className="spending-what-if-form" aria-label="What if" onSubmit={submit}>
        <label htmlFor={`${id}-model`}>This period on</label>
        <select id={`${id}-model`} value={choice} onChange={(e) => setChoice(e.target.value)} required>
          <option value="">Choose a model…</option>
          {models.map((m, i) => (
            <option key={`${m.providerId}/${m.model}`} value={String(i)}>
              {m.model} ({m.providerName})
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={ownPrices} onChange={(e) => setOwnPrices(e.target.checked)} /> at my own prices
        </label>
        {ownPrices &&
          PRICE_FIELDS.map(([key, label]) => (
            <label key={key}>
              {label} $/MTok
              <input
                inputMode="decimal"
                size={8}
                required={key === 'input' || key === 'output'}
                value={fields[key]}
                onChange={(e) => setFields({ ...fields, [key]: e.target.value })}
              />
            </label>
          ))}
        <button type="submit" className="spending-button primary" disabled={choice === '' || loading}>
          Compare
        </button>
      </form>
      {error && (
        <p role="alert" className="spending-error">
          {error}
        </p>
      )}
      {whatIf && (
        <>
          <table className="spending-table" aria-label={`This period beside ${whatIf.model}`}>
            <thead>
              <tr>
                <th scope="col">Model used</th>
                <th scope="col" className="num">
                  Requests
                </th>
                <th scope="col" className="num">
                  Actual
                </th>
                <th scope="col" className="num">
                  On {whatIf.model}
                </th>
              </tr>
            </thead>
            <tbody>
              {whatIf.rows.map((row) => (
                <tr key={`${row.providerId}/${row.model}`}>
                  <th scope="row">
                    {row.model} <span className="spending-muted">({row.providerName})</span>
                  </th>
                  <td className="num">{count(row.requests)}</td>
                  <td className="num" title={`${usdExact(row.actualNanos)} exactly`}>
                    {usd(row.actualNanos)}
                    {row.unpricedRequests > 0 && <span className="spending-muted"> + {count(row.unpricedRequests)} unpriced</span>}
                  </td>
                  <td className="num" title={`${usdExact(row.whatIfNanos)} exactly`}>
                    {usd(row.whatIfNanos)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-row="total">
                <th scope="row">Total</th>
                <td className="num">{count(whatIf.totals.requests)}</td>
                <td className="num" data-figure="what-if-actual" title={`${usdExact(whatIf.totals.actualNanos)} exactly`}>
                  {usd(whatIf.totals.actualNanos)}
                </td>
                <td className="num" data-figure="what-if-total" title={`${usdExact(whatIf.totals.whatIfNanos)} exactly`}>
                  {usd(whatIf.totals.whatIfNanos)}
                </td>
              </tr>
            </tfoot>
          </table>
          <p className="spending-muted">
            {whatIf.prices.source === 'typed'
              ? 'At the prices you typed.'
              : whatIf.prices.source === 'override'
                ? 'At your price override in force today.'
                : `At today's catalog price (${whatIf.prices.detail}).`}{' '}
            From the tokens each request stored; every request keeps the cost it was charged.
          </p>
        </>
      )}
    </section>
  );
}
