import type Database from 'better-sqlite3';
import type { TallychatEvent } from '../../../shared/contract/events';
import type { BudgetStore } from '../budgets/budget-store';
import { capStatus, type ProviderNames } from '../budgets/cap-status';
import { monthRangeAt } from '../time/zoned-calendar';

/**
 * After a request is final, tells the user once per cap per month when the warning threshold or
 * the cap itself has been crossed. The `budget_alerts` row makes "once" hold across restarts.
 */
export function checkBudgetAlerts(
  sqlite: Database.Database,
  budgets: BudgetStore,
  providerName: ProviderNames,
  scope: { providerId: string; model: string; at: number; timeZone: string; now: number },
  emit: (event: TallychatEvent) => void,
): void {
  const month = monthRangeAt(scope.at, scope.timeZone);
  const record = sqlite.prepare('INSERT OR IGNORE INTO budget_alerts (budget_id, month, kind, created_at) VALUES (?, ?, ?, ?)');
  for (const budget of budgets.applicableTo(scope.providerId, scope.model)) {
    const status = capStatus(sqlite, budget, month, providerName);
    const kinds: ('warning' | 'reached')[] = [];
    if (status.percentUsed >= budget.warnAtPercent) kinds.push('warning');
    if (status.percentUsed >= 100) kinds.push('reached');
    // Only the most serious new alert is shown; the lesser one is recorded as already seen.
    let toShow: 'warning' | 'reached' | undefined;
    for (const kind of kinds) if (record.run(budget.id, month.key, kind, scope.now).changes > 0) toShow = kind;
    if (toShow) {
      emit({
        type: 'budget.alert',
        kind: toShow,
        label: status.label,
        month: month.key,
        spentNanos: status.spent,
        capNanos: budget.monthlyCap,
        percentUsed: status.percentUsed,
      });
    }
  }
}
