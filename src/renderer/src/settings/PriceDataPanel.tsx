import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { PriceDataView } from '../../../shared/contract/price-data-contract';
import { priceDataQuery, queryKeys } from '../api/server-state';
import { call } from '../api/tallychat-client';
import { attempt, useSettings } from './settings-store';

/** Settings → Prices: which catalog data prices new requests, and "Update prices" (fetch or import). */
export function PriceDataPanel() {
  const query = useQuery(priceDataQuery());
  if (query.error) return <p role="alert" className="settings-error">{query.error.message}</p>;
  if (!query.data) return null;
  return <PriceDataCard view={query.data} />;
}

function PriceDataCard({ view }: { view: PriceDataView }) {
  const id = useId();
  const client = useQueryClient();
  const [url, setUrl] = useState(view.url);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();

  const run = async (action: () => Promise<PriceDataView>) => {
    setBusy(true);
    setDone(undefined);
    let updated: PriceDataView | undefined;
    const failure = await attempt(async () => {
      updated = await action();
    });
    setBusy(false);
    setError(failure);
    if (!updated) return;
    client.setQueryData(queryKeys.priceData, updated);
    setDone(`Prices updated: new requests are priced with ${updated.source}.`);
    // The catalog column of every model row changes with the data.
    await useSettings.getState().refreshPrices();
  };

  const update = (event: FormEvent) => {
    event.preventDefault();
    const address = url.trim();
    void run(async () => {
      if (address !== view.url) await call('pricesDataUrlSet', { url: address });
      return call('pricesUpdate', {});
    });
  };

  const importFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void run(async () => call('pricesImport', { text: await file.text(), fileName: file.name }));
  };

  return (
    <form className="settings-card settings-form flat" aria-label="Price data" onSubmit={update}>
      <p className="settings-muted" role="status" aria-label="Price data in use">
        {view.stored
          ? `In use: price data of ${view.stored.date} (${view.stored.providers} providers, from ${view.stored.origin}).`
          : `In use: the catalog bundled with this version (genai-prices ${view.bundledVersion}).`}
      </p>
      {view.problem && <p role="alert" className="settings-error">{view.problem}</p>}
      <div className="settings-field">
        <label htmlFor={`${id}-url`}>Fetch prices from</label>
        <input id={`${id}-url`} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
      </div>
      <p className="settings-muted">Newer prices apply to new requests only; every past request keeps the price it was charged.</p>
      {error && <p role="alert" className="settings-error">{error}</p>}
      <div className="settings-actions">
        <button type="submit" className="settings-button" disabled={busy}>
          {busy ? 'Updating…' : 'Update prices'}
        </button>
        <label className="settings-link">
          Import a data file…
          <input type="file" accept=".json,application/json" hidden onChange={importFile} aria-label="Import a price data file" />
        </label>
        {done && <span role="status" className="settings-ok">{done}</span>}
      </div>
    </form>
  );
}
