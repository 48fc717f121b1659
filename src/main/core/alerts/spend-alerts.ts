import type Database from 'better-sqlite3';
import type { SpendAlert, TallychatEvent } from '../../../shared/contract/events';
import { formatUsdForDisplay } from '../../../shared/format-money';
import type { BudgetService } from '../budgets/budget-service';
import { dailySpend } from '../insights/daily-spend';
import { ANOMALY_FACTOR, TRAILING_DAYS, judgeDay } from '../insights/spend-anomaly';
import { addDays } from '../reports/local-days';
import { localDayKey } from '../time/zoned-calendar';

export interface SpendAlertsDeps {
  sqlite: Database.Database;
  budgets: BudgetService;
  timeZone: () => string;
  /** The General setting; off, nothing is checked, recorded or sent. */
  enabled: () => boolean;
  clock: () => number;
  emit: (event: TallychatEvent) => void;
}

/** Which request's spend to look at: the caps that apply to it, and the local day it was made on. */
export interface AlertScope {
  providerId: string;
  model: string;
  at: number;
}

/**
 * Decides, after each final request, whether to tell the user that a cap reached its warning
 * threshold or was reached (once per cap and month: `budget_alerts`) or that the day's spend is far
 * above the usual (once per day: `spend_anomaly_alerts`). The rows make "once" hold across restarts
 * and across hosts on the same ledger; the hosts only deliver the `spend.alert` events.
 */
export class SpendAlerts {
  constructor(private readonly deps: SpendAlertsDeps) {}

  afterRequest(scope: AlertScope): void {
    if (!this.deps.enabled()) return;
    const alerts = this.deps.sqlite.transaction(() => [...this.capAlerts(scope), ...this.anomalyAlert(scope.at)]).immediate();
    for (const alert of alerts) this.deps.emit({ type: 'spend.alert', alert });
  }

  private capAlerts(scope: AlertScope): SpendAlert[] {
    const record = this.deps.sqlite.prepare('INSERT OR IGNORE INTO budget_alerts (budget_id, month, kind, created_at) VALUES (?, ?, ?, ?)');
    const now = this.deps.clock();
    const alerts: SpendAlert[] = [];
    for (const status of this.deps.budgets.capsFor(scope.providerId, scope.model, scope.at)) {
      const { budget } = status;
      const kinds: ('warning' | 'reached')[] = [];
      if (status.percentUsed >= budget.warnAtPercent) kinds.push('warning');
      if (status.percentUsed >= 100) kinds.push('reached');
      // Only the most serious new alert is shown; the lesser one is recorded as already seen.
      let toShow: 'warning' | 'reached' | undefined;
      for (const kind of kinds) if (record.run(budget.id, status.month, kind, now).changes > 0) toShow = kind;
      if (!toShow) continue;
      const figures = `${formatUsdForDisplay(status.spent)} spent of ${formatUsdForDisplay(budget.monthlyCap)} in ${status.month}`;
      alerts.push({
        kind: toShow,
        title: toShow === 'reached' ? `${status.label} reached` : `${status.label}: ${status.percentUsed}% used`,
        body:
          toShow === 'reached'
            ? `${figures}. Requests past it are refused unless you allow them or raise the cap.`
            : `${figures}; you asked to be warned at ${budget.warnAtPercent}%.`,
        label: status.label,
        month: status.month,
        spentNanos: status.spent,
        capNanos: budget.monthlyCap,
        percentUsed: status.percentUsed,
      });
    }
    return alerts;
  }

  private anomalyAlert(at: number): SpendAlert[] {
    const timeZone = this.deps.timeZone();
    const day = localDayKey(at, timeZone);
    const seen = this.deps.sqlite.prepare('SELECT 1 FROM spend_anomaly_alerts WHERE day = ?').pluck().get(day);
    if (seen !== undefined) return [];
    // One day asked for, one figure back.
    const today = dailySpend(this.deps.sqlite, day, day, timeZone)[0]!;
    const trailing = dailySpend(this.deps.sqlite, addDays(day, -TRAILING_DAYS), addDays(day, -1), timeZone);
    const verdict = judgeDay(today, trailing);
    if (!verdict.anomalous) return [];
    this.deps.sqlite
      .prepare('INSERT INTO spend_anomaly_alerts (day, spent_usd_nanos, median_usd_nanos, created_at) VALUES (?, ?, ?, ?)')
      .run(day, today, verdict.median, this.deps.clock());
    return [
      {
        kind: 'anomaly',
        title: 'Unusual spending today',
        body:
          `${formatUsdForDisplay(today)} spent on ${day}, more than ${ANOMALY_FACTOR}× the usual ` +
          `${formatUsdForDisplay(verdict.median)} a day (the median of the ${TRAILING_DAYS} days before).`,
        day,
        spentNanos: today,
        medianNanos: verdict.median,
      },
    ];
  }
}
