import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  LEDGER_STATUSES,
  type LedgerStatus,
  type RequestLogFilter,
  type RequestLogRow,
  type SpendingOverview,
} from '../../../shared/contract/spending-contract';
import { count, dateTime, duration, plural, usd, usdExact } from './format';
import { useSpending, useSpendingOverview } from './spending-store';
import { useRequestLog } from './use-request-log';

const ROW_HEIGHT = 44;
/** The log scrolls inside a box this tall at most; shorter when there are fewer rows. */
const MAX_BODY_HEIGHT = 480;
const TEXT_DEBOUNCE_MS = 250;
const HEADERS = ['Time', 'Model', 'Conversation', 'Status', 'Tokens in / out', 'Cost', 'First token', 'Duration'];

function LogRow({ row, timeZone }: { row: RequestLogRow; timeZone: string }) {
  const running = row.status === 'pending' || row.status === 'streaming';
  return (
    <>
      <div role="cell" className="spending-log-time">
        {dateTime(row.startedAt, timeZone)}
      </div>
      <div role="cell" className="spending-log-model">
        <span>{row.model}</span>
        <span className="spending-detail">{row.providerName}</span>
      </div>
      <div role="cell" className="spending-log-conversation" title={row.conversationTitle ?? undefined}>
        {row.conversationTitle ?? <span className="spending-muted">—</span>}
      </div>
      <div role="cell">
        <span className={`spending-status ${row.status}`} title={row.error ?? undefined}>
          {row.status}
        </span>
      </div>
      <div role="cell" className="num">
        {row.inputTokens === null ? '—' : count(row.inputTokens)} / {row.outputTokens === null ? '—' : count(row.outputTokens)}
        {row.usageSource === 'estimated' && (
          <span className="spending-badge estimated" title="The provider reported no usage: these counts are estimated">
            est.
          </span>
        )}
      </div>
      <div role="cell" className="num">
        {row.priceUnknown ? (
          <span className="spending-badge unknown" title="No price is known for this model: the cost is unknown, not zero">
            price unknown
          </span>
        ) : row.costNanos === null ? (
          <span className="spending-muted">{running ? 'running…' : '—'}</span>
        ) : (
          <span title={`${usdExact(row.costNanos)} exactly`}>{usd(row.costNanos)}</span>
        )}
      </div>
      <div role="cell" className="num">
        {duration(row.ttftMs)}
      </div>
      <div role="cell" className="num">
        {duration(row.durationMs)}
      </div>
    </>
  );
}

/**
 * Every ledger row of the period, newest first, filterable; rows are rendered only where they
 * are on screen, and older pages load as the list scrolls near its end.
 */
export function RequestLog({ overview }: { overview: SpendingOverview }) {
  const period = useSpending((s) => s.period);
  const { version } = useSpendingOverview();
  const conversation = useSpending((s) => s.logConversation);
  const setConversation = useSpending((s) => s.setLogConversation);
  const [providerId, setProviderId] = useState('');
  const [model, setModel] = useState('');
  const [status, setStatus] = useState<LedgerStatus | ''>('');
  const [text, setText] = useState('');
  const [searched, setSearched] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearched(text.trim()), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const filter = useMemo<RequestLogFilter>(
    () => ({
      ...(providerId ? { providerId } : {}),
      ...(model ? { model } : {}),
      ...(status ? { status } : {}),
      ...(conversation ? { conversationId: conversation.id } : {}),
      ...(searched ? { text: searched } : {}),
    }),
    [providerId, model, status, conversation, searched],
  );
  const log = useRequestLog(period, filter, version);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: log.rows.length + (log.next ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const { loadMore } = log;
  useEffect(() => {
    if (lastIndex >= log.rows.length - 10) loadMore();
  }, [lastIndex, log.rows.length, loadMore]);

  return (
    <section className="spending-panel" aria-labelledby="spending-log-heading">
      <div className="spending-panel-head">
        <h2 id="spending-log-heading">Requests</h2>
        <span className="spending-muted">{plural(overview.totals.requests + overview.totals.refused, 'request')} in the period</span>
      </div>
      <div className="spending-filters">
        <label>
          Provider
          <select aria-label="Provider" value={providerId} onChange={(e) => setProviderId(e.target.value)}>
            <option value="">All</option>
            {overview.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model
          <select aria-label="Model" value={model} onChange={(e) => setModel(e.target.value)}>
            <option value="">All</option>
            {overview.models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as LedgerStatus | '')}>
            <option value="">All</option>
            {LEDGER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Search
          <input type="search" aria-label="Search" value={text} placeholder="Title, model, provider, error or request id" onChange={(e) => setText(e.target.value)} />
        </label>
        {conversation && (
          <span className="spending-chip">
            Conversation: {conversation.title}
            <button type="button" aria-label={`Stop filtering by ${conversation.title}`} onClick={() => setConversation(undefined)}>
              ×
            </button>
          </span>
        )}
      </div>
      {log.error && (
        <p role="alert" className="spending-error">
          {log.error}
        </p>
      )}
      <div className="spending-log" role="table" aria-label="Request log" aria-rowcount={log.next ? -1 : log.rows.length + 1}>
        <div role="rowgroup" className="spending-log-head">
          <div role="row" className="spending-log-row" aria-rowindex={1}>
            {HEADERS.map((h) => (
              <div key={h} role="columnheader" className={h === 'Time' || h === 'Model' || h === 'Conversation' || h === 'Status' ? undefined : 'num'}>
                {h}
              </div>
            ))}
          </div>
        </div>
        <div
          ref={scroller}
          className="spending-log-body"
          role="rowgroup"
          style={{ height: Math.min(MAX_BODY_HEIGHT, Math.max(1, virtualizer.options.count) * ROW_HEIGHT) }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = log.rows[item.index];
              return (
                <div
                  key={row?.id ?? 'loader'}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={`spending-log-row${row?.priceUnknown ? ' unknown' : ''}${row?.usageSource === 'estimated' ? ' estimated' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                >
                  {row ? <LogRow row={row} timeZone={overview.period.timeZone} /> : <div role="cell" className="spending-muted">Loading older requests…</div>}
                </div>
              );
            })}
          </div>
          {!log.loading && log.rows.length === 0 && <p className="spending-log-empty">No requests match.</p>}
        </div>
      </div>
    </section>
  );
}
