import type { budgetContract } from '../../../../shared/contract/budget-contract';
import { toCapView } from '../../budgets/cap-views';
import type { AreaHandlers, CoreServices } from './handler-types';

export function budgetHandlers(core: Pick<CoreServices, 'services'>): AreaHandlers<typeof budgetContract> {
  return {
    budgetOverview: () => {
      const overview = core.services.budgets.overview();
      return { month: overview.month.key, spentNanos: overview.spent, reservedNanos: overview.reserved, caps: overview.caps.map(toCapView) };
    },
  };
}
