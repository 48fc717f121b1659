import type { CostDriftView } from '../../../shared/contract/spending-contract';
import { count, dateTime, plural, usdExact } from './format';
import { useSpendingProviderFigures } from './spending-store';

/** Theirs against ours as a share of ours, for reading only: the sums themselves stay integers. */
function driftPercent(drift: CostDriftView): string {
  if (drift.oursNanos === 0) return '—';
  const percent = (drift.differenceNanos / drift.oursNanos) * 100;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(2)}%`;
}

const signed = (nanos: number) => (nanos > 0 ? `+${usdExact(nanos)}` : usdExact(nanos));

/** What caching saved in the period, and the provider's own cost figure against ours where it reported one. */
export function ProviderFiguresSection({ timeZone }: { timeZone: string }) {
  const { figures, error } = useSpendingProviderFigures();
  if (error) {
    return (
      <p role="alert" className="spending-error">
        {error}
      </p>
    );
  }
  if (!figures) return null;
  const { drift, cacheSavedNanos } = figures;
  return (
    <section className="spending-panel" aria-labelledby="spending-provider-figures-heading">
      <div className="spending-panel-head">
        <h2 id="spending-provider-figures-heading">Caching and the provider's own figures</h2>
      </div>
      <dl className="spending-figures">
        <div data-figure="cache-saved">
          <dt>Caching saved</dt>
          <dd>{cacheSavedNanos === null ? 'nothing known' : usdExact(cacheSavedNanos)}</dd>
        </div>
        <div data-figure="compared-requests">
          <dt>Requests the provider priced</dt>
          <dd>{count(drift.comparedRequests)}</dd>
        </div>
        <div data-figure="provider-cost">
          <dt>Provider's figure</dt>
          <dd>{usdExact(drift.theirsNanos)}</dd>
        </div>
        <div data-figure="our-cost">
          <dt>Ours, same requests</dt>
          <dd>{usdExact(drift.oursNanos)}</dd>
        </div>
        <div data-figure="drift">
          <dt>Difference</dt>
          <dd>
            {signed(drift.differenceNanos)} ({driftPercent(drift)})
          </dd>
        </div>
      </dl>
      {drift.topRows.length === 0 ? (
        <p className="spending-muted">No request in this period carries the provider's own cost.</p>
      ) : (
        <table className="spending-table">
          <caption className="visually-hidden">Requests where the provider's figure differs most</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Model</th>
              <th scope="col">Ours</th>
              <th scope="col">Provider's</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {drift.topRows.map((row) => (
              <tr key={row.id}>
                <td>{dateTime(row.startedAt, timeZone)}</td>
                <td>{row.model}</td>
                <td>{usdExact(row.oursNanos)}</td>
                <td>{usdExact(row.theirsNanos)}</td>
                <td>{signed(row.theirsNanos - row.oursNanos)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {drift.comparedRequests > drift.topRows.length && (
        <p className="spending-muted">
          The {plural(drift.topRows.length, 'request')} that differ most of {count(drift.comparedRequests)}.
        </p>
      )}
    </section>
  );
}
