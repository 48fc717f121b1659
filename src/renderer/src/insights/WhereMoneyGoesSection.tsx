import type { PeriodRequest } from '../../../shared/contract/spending-contract';
import { count, plural, share, usd, usdExact } from '../spending/format';
import { useCostlyConversations, useCostShares } from './insights-queries';

/** The period's cost by kind of token, and the conversations whose length makes the next message dear. */
export function WhereMoneyGoesSection({ period }: { period: PeriodRequest }) {
  const { shares, error } = useCostShares(period);
  const { costly, error: costlyError } = useCostlyConversations();
  return (
    <section className="spending-panel" aria-labelledby="spending-money-goes-heading">
      <div className="spending-panel-head">
        <h2 id="spending-money-goes-heading">Where the money goes</h2>
      </div>
      {error && (
        <p role="alert" className="spending-error">
          {error}
        </p>
      )}
      {shares && (
        <>
          <table className="spending-table" aria-label="Cost by kind of token">
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col" className="num">
                  Cost
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {shares.shares.map((part) => (
                <tr key={part.component} data-component={part.component}>
                  <th scope="row">{part.label}</th>
                  <td className="num" title={`${usdExact(part.costNanos)} exactly`}>
                    {usd(part.costNanos)}
                  </td>
                  <td className="num">{share(part.shareBasisPoints)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="spending-muted">
            Over {plural(shares.pricedRequests, 'priced request')}
            {shares.unpricedRequests > 0 ? `; ${plural(shares.unpricedRequests, 'request')} without a known price are not in it` : ''}.
          </p>
        </>
      )}
      <h3 className="spending-subheading">Longest conversations: what the next message costs</h3>
      {costlyError && (
        <p role="alert" className="spending-error">
          {costlyError}
        </p>
      )}
      {costly &&
        (costly.rows.length === 0 ? (
          <p className="spending-muted">No conversation to continue yet.</p>
        ) : (
          <table className="spending-table" aria-label="Conversations whose next message costs the most">
            <thead>
              <tr>
                <th scope="col">Conversation</th>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Prompt tokens
                </th>
                <th scope="col" className="num">
                  Next message
                </th>
              </tr>
            </thead>
            <tbody>
              {costly.rows.map((row) => (
                <tr key={row.conversationId}>
                  <th scope="row">{row.title}</th>
                  <td>
                    {row.model} <span className="spending-muted">({row.providerName})</span>
                  </td>
                  <td className="num">{count(row.promptTokens)}</td>
                  <td className="num" title={`${usdExact(row.nextMessageNanos)} exactly, estimated as the composer does`}>
                    {usd(row.nextMessageNanos)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <p className="spending-muted">Each message sends the whole conversation again: starting a fresh one makes the next message cheap.</p>
    </section>
  );
}
