import type Database from 'better-sqlite3';
import type { TallychatEvent } from '../../../shared/contract/events';
import type { BudgetService } from '../budgets/budget-service';

/**
 * After a request is final, tells the user once per cap per month when the warning threshold or
 * the cap itself has been crossed. The `budget_alerts` row makes "once" hold across restarts.
 */
export function checkBudgetAlerts(
  sqlite: Database.Database,
  budgets: BudgetService,
  scope: { providerId: string; model: string; at: number; now: number },
  emit: (event: TallychatEvent) => void,
): void {
  const record = sqlite.prepare('INSERT OR IGNORE INTO budget_alerts (budget_id, month, kind, created_at) VALUES (?, ?, ?, ?)');
  for (const status of budgets.capsFor(scope.providerId, scope.model, scope.at)) {
    const { budget } = status;
    const kinds: ('warning' | 'reached')[] = [];
    if (status.percentUsed >= budget.warnAtPercent) kinds.push('warning');
    if (status.percentUsed >= 100) kinds.push('reached');
    // Only the most serious new alert is shown; the lesser one is recorded as already seen.
    let toShow: 'warning' | 'reached' | undefined;
    for (const kind of kinds) if (record.run(budget.id, status.month, kind, scope.now).changes > 0) toShow = kind;
    if (toShow) {
      emit({
        type: 'budget.alert',
        kind: toShow,
        label: status.label,
        month: status.month,
        spentNanos: status.spent,
        capNanos: budget.monthlyCap,
        percentUsed: status.percentUsed,
      });
    }
  }
}
