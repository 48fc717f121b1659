import { create } from 'zustand';
import type {
  ConversationBreakdown,
  PeriodRequest,
  SpendingOverview,
  StackBy,
} from '../../../shared/contract/spending-contract';
import { call } from '../api/tallychat-client';

interface SpendingState {
  period: PeriodRequest;
  stackBy: StackBy;
  overview?: SpendingOverview;
  conversations?: ConversationBreakdown;
  loading: boolean;
  error?: string;
  conversationsError?: string;
  /** The request log's conversation filter, also set by clicking a conversation in the table. */
  logConversation?: { id: string; title: string };
  /** Bumped on every reload, so the request log reloads with the figures above it. */
  generation: number;
  setPeriod(period: PeriodRequest): void;
  setStackBy(stackBy: StackBy): void;
  setLogConversation(conversation?: { id: string; title: string }): void;
  reload(): Promise<void>;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The Spending screen's figures, all read from main for the chosen period. Responses that
 * arrive after a newer request started are dropped, so a fast period switch never shows stale
 * numbers under a new label.
 */
export const useSpending = create<SpendingState>((set, get) => ({
  period: { kind: 'this-month' },
  stackBy: 'provider',
  loading: false,
  generation: 0,

  setPeriod: (period) => {
    set({ period });
    void get().reload();
  },
  setStackBy: (stackBy) => {
    set({ stackBy });
    void get().reload();
  },
  setLogConversation: (logConversation) => set({ logConversation }),

  reload: async () => {
    const generation = get().generation + 1;
    const { period, stackBy } = get();
    set({ generation, loading: true });
    const current = () => get().generation === generation;
    const conversations = call('spendingConversations', { period }).then(
      (value) => current() && set({ conversations: value, conversationsError: undefined }),
      (error: unknown) => current() && set({ conversationsError: messageOf(error) }),
    );
    try {
      const overview = await call('spendingOverview', { period, stackBy });
      if (current()) set({ overview, error: undefined, loading: false });
    } catch (error) {
      if (current()) set({ error: messageOf(error), loading: false });
    }
    await conversations;
  },
}));
