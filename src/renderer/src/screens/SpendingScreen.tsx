import { EmptyState } from '../components/EmptyState';
import { ForecastPanel } from '../insights/ForecastPanel';
import { WhatIfSection } from '../insights/WhatIfSection';
import { WhereMoneyGoesSection } from '../insights/WhereMoneyGoesSection';
import { BillCheckSection } from '../spending/BillCheckSection';
import { BreakdownSection } from '../spending/BreakdownSection';
import { CostByModelChart, SpendChart, TokensChart } from '../spending/charts';
import { ExportControls } from '../spending/ExportControls';
import { Headline } from '../spending/Headline';
import { MonthPanel } from '../spending/MonthPanel';
import { PeriodPicker } from '../spending/PeriodPicker';
import { ProviderFiguresSection } from '../spending/ProviderFiguresSection';
import { RequestLog } from '../spending/RequestLog';
import { useSpending, useSpendingOverview } from '../spending/spending-store';
import '../spending/spending.css';

/** "Where did my money go?": the period's totals, the month against its caps, charts, tables, every request. */
export function SpendingScreen() {
  const { period, stackBy, setPeriod, setStackBy } = useSpending();
  const { overview, loading, error } = useSpendingOverview();

  return (
    <section className="screen spending-screen" aria-labelledby="spending-heading" aria-busy={loading}>
      <header className="spending-header">
        <div>
          <h1 id="spending-heading">Spending</h1>
          {overview && (
            <p className="spending-subtitle">
              <span data-testid="period-label">{overview.period.label}</span>
              {overview.period.from && overview.period.to && overview.period.from !== overview.period.to && (
                <span>
                  {' '}
                  · {overview.period.from} to {overview.period.to}
                </span>
              )}
              <span className="spending-muted"> · times in {overview.period.timeZone}</span>
            </p>
          )}
        </div>
        <ExportControls period={period} />
      </header>
      <PeriodPicker period={period} onChange={setPeriod} />
      {error && (
        <p role="alert" className="spending-error">
          {error}
        </p>
      )}
      {overview && (
        <>
          <Headline overview={overview} />
          <div className="spending-grid">
            <SpendChart
              series={overview.series}
              toolbar={
                <div className="spending-segmented small" role="group" aria-label="Stack spend by">
                  {(['provider', 'model'] as const).map((s) => (
                    <button key={s} type="button" aria-pressed={stackBy === s} onClick={() => setStackBy(s)}>
                      By {s}
                    </button>
                  ))}
                </div>
              }
            />
            <MonthPanel month={overview.month} />
          </div>
          <ForecastPanel />
          {overview.totals.requests + overview.totals.refused === 0 ? (
            <EmptyState title="Nothing spent in this period">
              <p>Each request you send is metered here, to the nano-dollar.</p>
            </EmptyState>
          ) : (
            <div className="spending-grid even">
              <CostByModelChart rows={overview.byModel} />
              <TokensChart tokens={overview.tokens} />
            </div>
          )}
          <BreakdownSection overview={overview} />
          <ProviderFiguresSection timeZone={overview.period.timeZone} />
          <WhereMoneyGoesSection period={period} />
          <WhatIfSection period={period} />
          <BillCheckSection timeZone={overview.period.timeZone} />
          <RequestLog overview={overview} />
        </>
      )}
    </section>
  );
}
