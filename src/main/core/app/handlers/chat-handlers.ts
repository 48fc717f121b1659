import type { EstimateView } from '../../../../shared/contract/chat-contract';
import type { chatContract } from '../../../../shared/contract/chat-contract';
import { AppError } from '../../../../shared/contract/ipc-result';
import { capStatus, describeRefusal, wouldExceed, type CapStatus } from '../../budgets/cap-status';
import { toCapCheck, toCapView } from '../../budgets/cap-views';
import type { PreflightEstimate } from '../../chat/chat-types';
import { messageViews, toConversationView } from '../../conversations/conversation-views';
import { sumSpend } from '../../ledger/ledger-sums';
import { monthRangeAt } from '../../time/zoned-calendar';
import type { AreaHandlers, CoreServices } from './handler-types';

function estimateView(estimate: PreflightEstimate, caps: CapStatus[]): EstimateView {
  const blocking = caps.filter((cap) => wouldExceed(cap, estimate.cost)).sort((a, b) => a.remaining - b.remaining)[0];
  return {
    inputTokens: estimate.inputTokens,
    exact: estimate.exact,
    expectedOutputTokens: estimate.expectedOutputTokens,
    costNanos: estimate.cost,
    caps: caps.map((cap) => toCapCheck(cap, estimate.cost)),
    refusal: blocking ? describeRefusal(blocking, estimate.cost) : null,
  };
}

export function chatHandlers(core: CoreServices): AreaHandlers<typeof chatContract> {
  const conversationView = (id: string) => {
    const summary = core.conversations.get(id);
    if (!summary) throw new AppError('not_found', 'That conversation no longer exists.');
    return toConversationView(summary);
  };
  const providerName = (id: string) => core.providerResolver.nameOf(id);

  return {
    chatProviders: () =>
      core.providers.list().map((p) => ({ id: p.id, name: p.name, kind: p.kind, models: p.enabledModels })),

    conversationsList: ({ search }) => core.conversations.list(search).map(toConversationView),

    conversationGet: ({ id }) => ({
      conversation: conversationView(id),
      messages: messageViews(core.store.sqlite, id, providerName),
    }),

    conversationRename: ({ id, title }) => {
      if (!core.conversations.rename(id, title, core.clock())) throw new AppError('not_found', 'That conversation no longer exists.');
      return conversationView(id);
    },

    conversationDelete: ({ id }) => ({ deleted: core.conversations.delete(id) }),

    chatEstimate: async (request) => {
      const { estimate, caps } = await core.chat.estimate(request);
      return estimateView(estimate, caps);
    },

    chatSend: async (request) => {
      const started = await core.chat.send(request);
      return {
        requestId: started.requestId,
        conversationId: started.conversationId,
        userMessageId: started.userMessageId,
        estimate: estimateView(started.estimate, started.caps),
      };
    },

    chatCancel: ({ requestId }) => ({ cancelled: core.chat.cancel(requestId, 'user') }),

    budgetOverview: () => {
      const month = monthRangeAt(core.clock(), core.settings.get('timeZone'));
      const caps = core.budgets.list().map((budget) => toCapView(capStatus(core.store.sqlite, budget, month, providerName)));
      const sums = sumSpend(core.store.sqlite, month);
      return { month: month.key, spentNanos: sums.spent, reservedNanos: sums.reserved, caps };
    },
  };
}
