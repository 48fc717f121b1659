import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { WhatIfPrices } from '../../../shared/contract/insights-contract';
import type { PeriodRequest } from '../../../shared/contract/spending-contract';
import { messageOf, queryKeys } from '../api/server-state';
import { call } from '../api/tallychat-client';

/** Keys under Spending's, so whatever moves the money (spendMoved) reads these again too. */
const forecastQuery = () => queryOptions({ queryKey: [...queryKeys.spending, 'forecast'] as const, queryFn: () => call('spendingForecast', {}) });

const costSharesQuery = (period: PeriodRequest) =>
  queryOptions({ queryKey: [...queryKeys.spending, 'cost-shares', period] as const, queryFn: () => call('spendingCostShares', { period }) });

const costlyConversationsQuery = () =>
  queryOptions({ queryKey: [...queryKeys.spending, 'costly-conversations'] as const, queryFn: () => call('spendingCostlyConversations', {}) });

const whatIfQuery = (period: PeriodRequest, target: WhatIfTarget) =>
  queryOptions({
    queryKey: [...queryKeys.spending, 'what-if', period, target] as const,
    queryFn: () =>
      call('spendingWhatIf', { period, providerId: target.providerId, model: target.model, ...(target.prices ? { prices: target.prices } : {}) }),
  });

const providersQuery = () => queryOptions({ queryKey: ['what-if-providers'] as const, queryFn: () => call('settingsProviders', {}) });

export interface WhatIfTarget {
  providerId: string;
  model: string;
  prices?: WhatIfPrices;
}

const errorOf = (error: unknown) => (error ? messageOf(error) : undefined);

export function useForecast() {
  const query = useQuery(forecastQuery());
  return { forecast: query.data, error: errorOf(query.error) };
}

export function useCostShares(period: PeriodRequest) {
  const query = useQuery({ ...costSharesQuery(period), placeholderData: keepPreviousData });
  return { shares: query.data, error: errorOf(query.error) };
}

export function useCostlyConversations() {
  const query = useQuery(costlyConversationsQuery());
  return { costly: query.data, error: errorOf(query.error) };
}

export function useWhatIf(period: PeriodRequest, target: WhatIfTarget | undefined) {
  const query = useQuery({ ...whatIfQuery(period, target ?? { providerId: '', model: '' }), enabled: target !== undefined });
  return { whatIf: target ? query.data : undefined, loading: query.isFetching, error: errorOf(query.error) };
}

/** The models the user has enabled, per provider: what a what-if can be asked about. */
export function useWhatIfModels() {
  const query = useQuery(providersQuery());
  return (query.data ?? []).flatMap((provider) => provider.models.map((m) => ({ providerId: provider.id, providerName: provider.name, model: m.model })));
}
