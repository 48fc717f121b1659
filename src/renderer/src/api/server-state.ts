import type { ReasoningChoice } from '../../../shared/reasoning';
import { QueryClient, queryOptions } from '@tanstack/react-query';
import type { PeriodRequest, StackBy } from '../../../shared/contract/spending-contract';
import { call } from './tallychat-client';

/**
 * The renderer's server state: one maintained query cache. Screens read through these query
 * options; the one event subscriber (server-events.ts) invalidates keys when main says the data
 * moved, and the cache makes sure an older answer never replaces a newer one.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    // A failed read shows its error at once; the user's next action or main's next event reads again.
    queries: { retry: false },
  },
});

/** Every key names what it reads; the first element is what an event invalidates. */
export const queryKeys = {
  budgetOverview: ['budgetOverview'] as const,
  conversations: ['conversations'] as const,
  thread: ['thread'] as const,
  estimate: ['estimate'] as const,
  spending: ['spending'] as const,
  devices: ['devices'] as const,
  priceData: ['priceData'] as const,
};

export const budgetOverviewQuery = () =>
  queryOptions({ queryKey: queryKeys.budgetOverview, queryFn: () => call('budgetOverview', {}) });

export const priceDataQuery = () => queryOptions({ queryKey: queryKeys.priceData, queryFn: () => call('pricesData', {}) });

export const conversationsQuery = (search: string) =>
  queryOptions({
    queryKey: [...queryKeys.conversations, search] as const,
    queryFn: () => call('conversationsList', search ? { search } : {}),
  });

export const threadQuery = (id: string) =>
  queryOptions({ queryKey: [...queryKeys.thread, id] as const, queryFn: () => call('conversationGet', { id }) });

export interface EstimateInput {
  providerId: string;
  model: string;
  text: string;
  conversationId: string | null;
  reasoning?: ReasoningChoice | undefined;
  /** The staged files going with the message, in the composer's order. */
  attachmentIds: readonly string[];
  webSearch: boolean;
}

export const estimateQuery = ({ providerId, model, text, conversationId, reasoning, attachmentIds, webSearch }: EstimateInput) =>
  queryOptions({
    queryKey: [...queryKeys.estimate, providerId, model, conversationId, reasoning ?? null, attachmentIds, webSearch, text] as const,
    queryFn: () =>
      call('chatEstimate', {
        providerId,
        model,
        text,
        ...(conversationId !== null ? { conversationId } : {}),
        ...(reasoning ? { reasoning } : {}),
        ...(attachmentIds.length > 0 ? { attachmentIds: [...attachmentIds] } : {}),
        webSearch,
      }),
  });

export const spendingOverviewQuery = (period: PeriodRequest, stackBy: StackBy) =>
  queryOptions({
    queryKey: [...queryKeys.spending, 'overview', period, stackBy] as const,
    queryFn: () => call('spendingOverview', { period, stackBy }),
  });

export const spendingConversationsQuery = (period: PeriodRequest) =>
  queryOptions({
    queryKey: [...queryKeys.spending, 'conversations', period] as const,
    queryFn: () => call('spendingConversations', { period }),
  });

export const spendingProviderFiguresQuery = (period: PeriodRequest) =>
  queryOptions({
    queryKey: [...queryKeys.spending, 'provider-figures', period] as const,
    queryFn: () => call('spendingProviderFigures', { period }),
  });

export const devicesOverviewQuery = () => queryOptions({ queryKey: queryKeys.devices, queryFn: () => call('devicesOverview', {}) });

/** What may have moved when money was spent: the month's caps, estimates, the dashboard, conversation totals. */
export function spendMoved(): void {
  for (const queryKey of [queryKeys.budgetOverview, queryKeys.estimate, queryKeys.spending, queryKeys.conversations]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
