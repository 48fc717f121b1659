import { useId, useState, type FormEvent } from 'react';
import type { PriceRowView, UnitPriceView } from '../../../shared/contract/settings-contract';
import { call } from '../api/tallychat-client';
import { formatPerCall, formatPerMTok, priceText } from './format-price';
import { PriceDataPanel } from './PriceDataPanel';
import { attempt, useSettings } from './settings-store';

/** Today in the user's time zone setting, as a date field takes it ("2026-03-01"). */
function todayIn(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function PriceFigures({ prices }: { prices: UnitPriceView }) {
  return (
    <span className="settings-price">
      <span>in {formatPerMTok(prices.inputNanosPerMTok)}</span>
      <span>out {formatPerMTok(prices.outputNanosPerMTok)}</span>
      {prices.cacheReadNanosPerMTok !== null && <span>cache read {formatPerMTok(prices.cacheReadNanosPerMTok)}</span>}
      {prices.cacheWriteNanosPerMTok !== null && <span>cache write {formatPerMTok(prices.cacheWriteNanosPerMTok)}</span>}
      {prices.cacheWrite1hNanosPerMTok !== null && <span>1-hour cache write {formatPerMTok(prices.cacheWrite1hNanosPerMTok)}</span>}
      {prices.requestFeeBySearchContextNanos !== null ? (
        <span title="By the search context the request uses: low, medium, high">
          request fee {formatPerCall(prices.requestFeeBySearchContextNanos.low, 'request')} to{' '}
          {formatPerCall(prices.requestFeeBySearchContextNanos.high, 'request')}
        </span>
      ) : (
        prices.requestFeeNanos !== null && <span>request fee {formatPerCall(prices.requestFeeNanos, 'request')}</span>
      )}
      {prices.webSearchFeeNanos !== null && <span>web search {formatPerCall(prices.webSearchFeeNanos, 'search')}</span>}
    </span>
  );
}

/** The catalog's price of each enabled model, and the user's own prices from a date on. */
export function PricesSection() {
  const rows = useSettings((s) => s.prices);
  return (
    <section id="settings-prices" className="settings-section" aria-labelledby="settings-prices-title">
      <div className="settings-section-head">
        <h2 id="settings-prices-title">Prices</h2>
      </div>
      <p className="settings-muted">
        Each request is charged at the price in force when it was sent, and keeps that price: a new price never changes history.
      </p>
      <PriceDataPanel />
      {rows?.length === 0 && <p className="settings-muted">Enable a model under Providers to see its price here.</p>}
      {rows?.map((row) => <PriceRow key={`${row.providerId}/${row.model}`} row={row} />)}
    </section>
  );
}

function PriceRow({ row }: { row: PriceRowView }) {
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string>();
  const active = row.overrides.find((o) => o.id === row.activeOverrideId);
  const remove = async (id: string) =>
    setError(
      await attempt(async () => {
        await call('settingsPriceOverrideDelete', { id });
        await useSettings.getState().refreshPrices();
      }),
    );

  return (
    <article className="settings-card" aria-label={`${row.model} on ${row.providerName}`}>
      <header className="settings-card-head">
        <div>
          <h3 className="settings-mono">{row.model}</h3>
          <span className="settings-badge">{row.providerName}</span>
        </div>
        {!adding && (
          <button type="button" className="settings-button" onClick={() => setAdding(true)}>
            {row.overrides.length ? 'Change price' : 'Set my own price'}
          </button>
        )}
      </header>
      <dl className="settings-pairs">
        <dt>Catalog</dt>
        <dd>
          {row.catalog ? (
            <>
              <PriceFigures prices={row.catalog} />
              <span className="settings-muted"> · {row.catalog.source}{row.catalog.tiered ? ' · long prompts cost more' : ''}</span>
            </>
          ) : (
            <span className="settings-warning">Not in the catalog: cost shows as unknown until you set a price.</span>
          )}
        </dd>
        <dt>In force</dt>
        <dd>{active ? <><PriceFigures prices={active} /> <span className="settings-muted">· yours, since {active.effectiveDay}</span></> : row.catalog ? 'The catalog price' : 'None'}</dd>
      </dl>
      {row.overrides.length > 0 && (
        <table className="settings-table compact">
          <caption>Your prices</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Prices</th>
              <th scope="col">Charged on</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {row.overrides.map((o) => (
              <tr key={o.id}>
                <td>{o.effectiveDay}</td>
                <td>
                  <PriceFigures prices={o} />
                </td>
                <td>{o.usedByRequests} request{o.usedByRequests === 1 ? '' : 's'}</td>
                <td>
                  {o.usedByRequests === 0 && (
                    <button type="button" className="settings-link" onClick={() => void remove(o.id)} aria-label={`Delete the price from ${o.effectiveDay}`}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p role="alert" className="settings-error">{error}</p>}
      {adding && <OverrideForm row={row} onClose={() => setAdding(false)} />}
    </article>
  );
}

function OverrideForm({ row, onClose }: { row: PriceRowView; onClose(): void }) {
  const previous = row.overrides.at(-1);
  const base = previous ?? row.catalog;
  const id = useId();
  const timeZone = useSettings((s) => s.general?.timeZone);
  const [fields, setFields] = useState({
    input: base ? priceText(base.inputNanosPerMTok) : '',
    output: base ? priceText(base.outputNanosPerMTok) : '',
    cacheRead: base?.cacheReadNanosPerMTok != null ? priceText(base.cacheReadNanosPerMTok) : '',
    cacheWrite: base?.cacheWriteNanosPerMTok != null ? priceText(base.cacheWriteNanosPerMTok) : '',
    cacheWrite1h: base?.cacheWrite1hNanosPerMTok != null ? priceText(base.cacheWrite1hNanosPerMTok) : '',
    // Fees are prefilled only from an earlier price of the user's: the catalog's request fee is its
    // highest (Perplexity's by search context), and copying it would overcharge every smaller search.
    requestFee: previous?.requestFeeNanos != null ? priceText(previous.requestFeeNanos) : '',
    webSearchFee: previous?.webSearchFeeNanos != null ? priceText(previous.webSearchFeeNanos) : '',
    effectiveFrom: todayIn(timeZone),
  });
  const [error, setError] = useState<string>();
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const failure = await attempt(async () => {
      await call('settingsPriceOverrideAdd', {
        providerId: row.providerId,
        model: row.model,
        input: fields.input,
        output: fields.output,
        ...(fields.cacheRead.trim() ? { cacheRead: fields.cacheRead } : {}),
        ...(fields.cacheWrite.trim() ? { cacheWrite: fields.cacheWrite } : {}),
        ...(fields.cacheWrite1h.trim() ? { cacheWrite1h: fields.cacheWrite1h } : {}),
        ...(fields.requestFee.trim() ? { requestFee: fields.requestFee } : {}),
        ...(fields.webSearchFee.trim() ? { webSearchFee: fields.webSearchFee } : {}),
        effectiveFrom: fields.effectiveFrom,
      });
      await useSettings.getState().refreshPrices();
    });
    if (failure) setError(failure);
    else onClose();
  };

  const field = (
    name: 'input' | 'output' | 'cacheRead' | 'cacheWrite' | 'cacheWrite1h' | 'requestFee' | 'webSearchFee',
    label: string,
    required: boolean,
    unit = '/ MTok',
    placeholder = 'Same as input',
  ) => (
    <div className="settings-field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <div className="settings-money">
        <span aria-hidden="true">$</span>
        <input id={`${id}-${name}`} inputMode="decimal" required={required} value={fields[name]} onChange={set(name)} placeholder={required ? '' : placeholder} />
        <span aria-hidden="true">{unit}</span>
      </div>
    </div>
  );

  return (
    <form className="settings-form" aria-label={`New price for ${row.model}`} onSubmit={(e) => void submit(e)}>
      <div className="settings-grid">
        {field('input', 'Input', true)}
        {field('output', 'Output', true)}
        {field('cacheRead', 'Cache read', false)}
        {field('cacheWrite', 'Cache write', false)}
        {field('cacheWrite1h', '1-hour cache write', false, '/ MTok', '2× input')}
        {field('requestFee', 'Request fee', false, '/ request', "Catalog's")}
        {field('webSearchFee', 'Web search', false, '/ search', "Catalog's")}
        <div className="settings-field">
          <label htmlFor={`${id}-from`}>Effective from</label>
          <input id={`${id}-from`} type="date" required value={fields.effectiveFrom} onChange={set('effectiveFrom')} />
        </div>
      </div>
      {error && <p role="alert" className="settings-error">{error}</p>}
      <div className="settings-actions">
        <button type="submit" className="settings-button primary">
          Save price
        </button>
        <button type="button" className="settings-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}
