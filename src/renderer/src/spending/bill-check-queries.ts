import { queryOptions } from '@tanstack/react-query';
import type { BillCheckView } from '../../../shared/contract/bill-check-contract';
import { queryClient } from '../api/server-state';
import { call } from '../api/tallychat-client';

/** What the bill check shows: which providers can be checked, and each one's stored comparison. */
const billCheckKey = ['billCheck'] as const;

export const billCheckAccountsQuery = () =>
  queryOptions({ queryKey: [...billCheckKey, 'accounts'] as const, queryFn: () => call('billCheckAccounts', {}) });

export const billCheckViewQuery = (providerId: string) =>
  queryOptions({ queryKey: [...billCheckKey, 'view', providerId] as const, queryFn: () => call('billCheckView', { providerId }) });

/** A check that ran answers with the new comparison: it replaces the stored one in the cache. */
export function settleBillCheck(view: BillCheckView): void {
  queryClient.setQueryData(billCheckViewQuery(view.providerId).queryKey, view);
  void queryClient.invalidateQueries({ queryKey: [...billCheckKey, 'accounts'] });
}

/** Settings changed what can be checked or how: every bill-check read goes again. */
export function billCheckChanged(): void {
  void queryClient.invalidateQueries({ queryKey: billCheckKey });
}
