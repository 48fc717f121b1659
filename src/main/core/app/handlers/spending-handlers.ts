import type { spendingContract } from '../../../../shared/contract/spending-contract';
import type { AreaHandlers, CoreServices } from './handler-types';

export function spendingHandlers(_core: CoreServices): AreaHandlers<typeof spendingContract> {
  return {};
}
