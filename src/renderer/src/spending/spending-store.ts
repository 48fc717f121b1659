import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import type { PeriodRequest, StackBy } from '../../../shared/contract/spending-contract';
import { messageOf, spendingConversationsQuery, spendingOverviewQuery, spendingProviderFiguresQuery } from '../api/server-state';

interface SpendingState {
  period: PeriodRequest;
  stackBy: StackBy;
  /** The request log's conversation filter, also set by clicking a conversation in the table. */
  logConversation?: { id: string; title: string };
  setPeriod(period: PeriodRequest): void;
  setStackBy(stackBy: StackBy): void;
  setLogConversation(conversation?: { id: string; title: string }): void;
}

/** What the Spending screen is asked to show; the figures themselves are the query cache's. */
export const useSpending = create<SpendingState>((set) => ({
  period: { kind: 'this-month' },
  stackBy: 'provider',
  setPeriod: (period) => set({ period }),
  setStackBy: (stackBy) => set({ stackBy }),
  setLogConversation: (logConversation) => set({ logConversation }),
}));

/** The chosen period's overview; while another period loads, the previous one stays, under its own label. */
export function useSpendingOverview() {
  const period = useSpending((s) => s.period);
  const stackBy = useSpending((s) => s.stackBy);
  const query = useQuery({ ...spendingOverviewQuery(period, stackBy), placeholderData: keepPreviousData });
  return {
    overview: query.data,
    loading: query.isFetching,
    error: query.error ? messageOf(query.error) : undefined,
    /** Changes whenever the figures were read again, so the request log below reloads with them. */
    version: query.dataUpdatedAt,
  };
}

export function useSpendingConversations() {
  const period = useSpending((s) => s.period);
  const query = useQuery({ ...spendingConversationsQuery(period), placeholderData: keepPreviousData });
  return { conversations: query.data, error: query.error ? messageOf(query.error) : undefined };
}

export function useSpendingProviderFigures() {
  const period = useSpending((s) => s.period);
  const query = useQuery({ ...spendingProviderFiguresQuery(period), placeholderData: keepPreviousData });
  return { figures: query.data, error: query.error ? messageOf(query.error) : undefined };
}
