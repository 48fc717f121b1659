import type { CapView } from '../../../shared/contract/budget-contract';
import type { CapCheck } from '../../../shared/contract/chat-contract';
import type { Nanodollars } from '../../../shared/money';
import { wouldExceed, wouldWarn, type CapStatus } from './cap-status';

export function toCapView(cap: CapStatus): CapView {
  return {
    budgetId: cap.budget.id,
    label: cap.label,
    scope: cap.budget.scope,
    scopeValue: cap.budget.scopeValue,
    month: cap.month,
    capNanos: cap.budget.monthlyCap,
    spentNanos: cap.spent,
    reservedNanos: cap.reserved,
    remainingNanos: cap.remaining,
    percentUsed: cap.percentUsed,
    warnAtPercent: cap.budget.warnAtPercent,
    strict: cap.budget.strict,
  };
}

/** How a request estimated at `estimate` would stand against a cap (null estimate: price unknown). */
export function toCapCheck(cap: CapStatus, estimate: Nanodollars | null): CapCheck {
  const view = toCapView(cap);
  return {
    ...view,
    afterNanos: view.spentNanos + view.reservedNanos + (estimate ?? 0),
    wouldWarn: wouldWarn(cap, estimate),
    wouldExceed: wouldExceed(cap, estimate),
  };
}
