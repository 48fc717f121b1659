import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { CapView } from '../../../shared/contract/budget-contract';
import { budgetOverviewQuery, messageOf, queryClient, queryKeys } from '../api/server-state';
import { money } from '../money/display-money';
import { formatMonth } from '../chat/format/format-meta';
import { useNavigation } from '../stores/navigation-store';
import { DeviceFreshness } from './DeviceFreshness';
import './StatusStrip.css';

interface Overview {
  month: string;
  spentNanos: number;
  overall: CapView | null;
}

const usd = money;

function levelOf(cap: CapView): 'ok' | 'warn' | 'over' {
  if (cap.percentUsed >= 100) return 'over';
  return cap.percentUsed >= cap.warnAtPercent ? 'warn' : 'ok';
}

/**
 * The header strip: this month's spend against the overall cap, read from the ledger through
 * main, amber from the cap's warning threshold and red at the cap. Read again when the event
 * subscriber says spend moved, when the window regains focus, and whenever the screen changes.
 */
export function StatusStrip() {
  const query = useQuery(budgetOverviewQuery());
  const screen = useNavigation((s) => s.screen);

  // Another screen may have set or cleared a cap.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.budgetOverview });
  }, [screen]);

  const error = query.error ? `Could not read this month's spending: ${messageOf(query.error)}` : undefined;
  const overview = useMemo<Overview | undefined>(() => {
    if (!query.data) return undefined;
    const { month, spentNanos, caps } = query.data;
    return { month, spentNanos, overall: caps.find((cap) => cap.scope === 'overall') ?? null };
  }, [query.data]);

  if (error) {
    return (
      <div className="status-strip" role="status" aria-label="This month's spending">
        <span className="status-strip-error">{error}</span>
      </div>
    );
  }
  if (!overview) return <div className="status-strip" aria-hidden="true" />;

  const { overall } = overview;
  if (!overall) {
    return (
      <div className="status-strip" role="status" aria-label="This month's spending">
        <span className="status-strip-month">{formatMonth(overview.month)}</span>
        <span className="status-strip-text">
          {usd(overview.spentNanos)} spent · no overall monthly cap is set.
        </span>
        <button type="button" className="status-strip-link" onClick={() => useNavigation.getState().show('settings')}>
          Set a cap
        </button>
        <DeviceFreshness />
      </div>
    );
  }
  const level = levelOf(overall);
  const used = overall.spentNanos + overall.reservedNanos;
  return (
    <div className={`status-strip ${level}`} role="status" aria-label="This month's spending" data-level={level}>
      <span className="status-strip-month">{formatMonth(overview.month)}</span>
      <span className="status-strip-text">
        <strong className="status-strip-spent">{usd(overall.spentNanos)}</strong> of {usd(overall.capNanos)} overall cap
        {overall.reservedNanos > 0 && <span className="status-strip-held"> · {usd(overall.reservedNanos)} held by running requests</span>}
      </span>
      <span
        className="status-strip-bar"
        role="meter"
        aria-label="Share of the overall cap used"
        aria-valuemin={0}
        aria-valuemax={overall.capNanos}
        aria-valuenow={Math.min(used, overall.capNanos)}
        aria-valuetext={`${overall.percentUsed}% used`}
      >
        <span style={{ width: `${Math.min(100, overall.percentUsed)}%` }} />
      </span>
      <span className="status-strip-percent">{overall.percentUsed}%</span>
      <DeviceFreshness />
    </div>
  );
}
