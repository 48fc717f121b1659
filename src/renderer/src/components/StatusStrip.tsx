import { useCallback, useEffect, useState } from 'react';
import type { CapView } from '../../../shared/contract/budget-contract';
import { call } from '../api/tallychat-client';
import { money } from '../money/display-money';
import { formatMonth } from '../chat/format/format-meta';
import { useNavigation } from '../stores/navigation-store';
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
 * main, amber from the cap's warning threshold and red at the cap. Read again after every
 * finished request, every budget alert, and whenever the screen changes (a cap may have been set).
 */
export function StatusStrip() {
  const [overview, setOverview] = useState<Overview>();
  const [error, setError] = useState<string>();
  const screen = useNavigation((s) => s.screen);

  const refresh = useCallback(async () => {
    try {
      const { month, spentNanos, caps } = await call('budgetOverview', {});
      setOverview({ month, spentNanos, overall: caps.find((cap) => cap.scope === 'overall') ?? null });
      setError(undefined);
    } catch (failure) {
      setError(`Could not read this month's spending: ${failure instanceof Error ? failure.message : String(failure)}`);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh, screen]);

  useEffect(() => {
    const off = window.tallychat.onEvent((event) => {
      if (event.type === 'chat.finished' || event.type === 'budget.alert') void refresh();
    });
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      off();
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh]);

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
    </div>
  );
}
