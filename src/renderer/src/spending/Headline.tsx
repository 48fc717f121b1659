import type { SpendingOverview } from '../../../shared/contract/spending-contract';
import { count, plural, usd, usdExact } from './format';

/** The period's totals in four cards, and the marks that say which figures are estimates. */
export function Headline({ overview }: { overview: SpendingOverview }) {
  const { totals, period } = overview;
  const marks = [
    totals.estimatedRequests > 0 ? `${plural(totals.estimatedRequests, 'request')} estimated` : null,
    totals.unpricedRequests > 0 ? `${count(totals.unpricedRequests)} with unknown price` : null,
  ].filter(Boolean);
  return (
    <section className="spending-headline" aria-label={`Totals for ${period.label}`}>
      <div className="spending-card" data-figure="spent">
        <div className="spending-card-label">Spent</div>
        <div className="spending-card-value" title={`${usdExact(totals.costNanos)} exactly`}>
          {usd(totals.costNanos)}
        </div>
        <div className="spending-card-note">
          {totals.avgCostNanos === null ? 'no priced requests' : `${usd(totals.avgCostNanos)} per priced request`}
        </div>
      </div>
      <div className="spending-card" data-figure="requests">
        <div className="spending-card-label">Requests</div>
        <div className="spending-card-value">{count(totals.requests)}</div>
        <div className="spending-card-note">{totals.refused > 0 ? `${count(totals.refused)} refused by a cap` : 'none refused'}</div>
      </div>
      <div className="spending-card" data-figure="input-tokens">
        <div className="spending-card-label">Input tokens</div>
        <div className="spending-card-value">{count(totals.inputTokens)}</div>
        <div className="spending-card-note">{count(totals.cachedInputTokens)} from cache</div>
      </div>
      <div className="spending-card" data-figure="output-tokens">
        <div className="spending-card-label">Output tokens</div>
        <div className="spending-card-value">{count(totals.outputTokens)}</div>
        <div className="spending-card-note">{count(totals.reasoningTokens)} reasoning</div>
      </div>
      {marks.length > 0 && (
        <p className="spending-marks" role="note">
          <span className="spending-mark" aria-hidden="true">
            ≈
          </span>
          {marks.join(', ')}
          {totals.unpricedRequests > 0 && <span className="spending-muted"> (unknown costs are not in the spent figure)</span>}
        </p>
      )}
    </section>
  );
}
