import { useState } from 'react';
import type { BreakdownKind, SpendingOverview } from '../../../shared/contract/spending-contract';
import { BreakdownTable } from './BreakdownTable';
import { count } from './format';
import { useSpending, useSpendingConversations } from './spending-store';

const TABS: { kind: BreakdownKind; label: string }[] = [
  { kind: 'provider', label: 'Providers' },
  { kind: 'model', label: 'Models' },
  { kind: 'conversation', label: 'Conversations' },
];

/** The breakdown tables behind tabs; picking a conversation filters the request log below. */
export function BreakdownSection({ overview }: { overview: SpendingOverview }) {
  const [tab, setTab] = useState<BreakdownKind>('provider');
  const { conversations, error: conversationsError } = useSpendingConversations();
  const setLogConversation = useSpending((s) => s.setLogConversation);

  return (
    <section className="spending-panel" aria-labelledby="spending-breakdown-heading">
      <div className="spending-panel-head">
        <h2 id="spending-breakdown-heading">Breakdown</h2>
        <div className="spending-tabs" role="tablist" aria-label="Breakdown by">
          {TABS.map((t) => (
            <button key={t.kind} type="button" role="tab" id={`breakdown-tab-${t.kind}`} aria-selected={tab === t.kind} aria-controls="breakdown-panel" onClick={() => setTab(t.kind)}>
              {t.label}
            </button>
          ))}
        </div>
      </div>
      <div id="breakdown-panel" role="tabpanel" aria-labelledby={`breakdown-tab-${tab}`}>
        {tab === 'provider' && <BreakdownTable caption="Spending by provider" rows={overview.byProvider} />}
        {tab === 'model' && <BreakdownTable caption="Spending by model" rows={overview.byModel} />}
        {tab === 'conversation' &&
          (conversationsError ? (
            <p role="alert" className="spending-error">
              {conversationsError}
            </p>
          ) : !conversations ? (
            <p className="spending-muted">Adding up conversations…</p>
          ) : (
            <>
              <BreakdownTable
                caption="Spending by conversation"
                rows={conversations.rows}
                onPick={(row) => setLogConversation({ id: row.key, title: row.label })}
                canPick={(row) => row.key !== ''}
                pickLabel={(row) => `Show the requests of ${row.label}`}
              />
              {conversations.total > conversations.rows.length && (
                <p className="spending-muted">
                  The {count(conversations.rows.length)} costliest of {count(conversations.total)} conversations.
                </p>
              )}
            </>
          ))}
        {((tab === 'provider' && overview.byProvider.length === 0) || (tab === 'model' && overview.byModel.length === 0)) && (
          <p className="spending-muted">No requests in this period.</p>
        )}
      </div>
    </section>
  );
}
