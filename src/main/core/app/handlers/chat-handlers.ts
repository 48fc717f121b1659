import type { EstimateView } from '../../../../shared/contract/chat-contract';
import type { chatContract } from '../../../../shared/contract/chat-contract';
import { AppError } from '../../../../shared/contract/ipc-result';
import type { BudgetService } from '../../budgets/budget-service';
import type { CapStatus } from '../../budgets/cap-status';
import { toCapCheck } from '../../budgets/cap-views';
import type { PreflightEstimate } from '../../chat/chat-types';
import { messageViews, toConversationView } from '../../conversations/conversation-views';
import { totalCacheSaving } from '../../pricing/cache-saving';
import { reasoningControlFor } from '../../provider-config/reasoning-support';
import type { AreaHandlers, CoreServices, HostFacts } from './handler-types';

function estimateView(budgets: BudgetService, estimate: PreflightEstimate, caps: CapStatus[]): EstimateView {
  return {
    inputTokens: estimate.inputTokens,
    exact: estimate.exact,
    expectedOutputTokens: estimate.expectedOutputTokens,
    thinkingBudgetTokens: estimate.thinkingBudgetTokens,
    costNanos: estimate.cost,
    attachments: estimate.attachments,
    webSearch: estimate.webSearch ? { maxSearches: estimate.webSearch.maxSearches, feeNanos: estimate.webSearch.fee } : null,
    blocked: estimate.blocked,
    caps: caps.map((cap) => toCapCheck(cap, estimate.cost)),
    refusal: budgets.decide(caps, estimate.cost).refusal,
  };
}

type ChatDeps = Pick<
  CoreServices,
  'services' | 'chat' | 'conversations' | 'providers' | 'providerResolver' | 'clock' | 'staging' | 'attachmentStore'
>;

export function chatHandlers(core: ChatDeps, host: Pick<HostFacts, 'chooseExportFile'>): AreaHandlers<typeof chatContract> {
  const { budgets } = core.services;
  const conversationView = (id: string) => {
    const summary = core.conversations.get(id);
    if (!summary) throw new AppError('not_found', 'That conversation no longer exists.');
    return toConversationView(summary);
  };
  const providerName = (id: string) => core.providerResolver.nameOf(id);

  return {
    chatProviders: () =>
      core.providers.list().map((p) => ({
        id: p.id,
        name: p.name,
        kind: p.kind,
        models: p.enabledModels,
        reasoning: Object.fromEntries(p.enabledModels.map((model) => [model, reasoningControlFor(p.kind, model)])),
      })),

    conversationsList: ({ search }) => core.conversations.list(search).map(toConversationView),

    conversationGet: ({ id }) => ({
      conversation: { ...conversationView(id), cacheSavedNanos: totalCacheSaving(core.conversations.cachingRows(id)) },
      messages: messageViews(core.conversations.thread(id), providerName, core.attachmentStore.forConversation(id)),
    }),

    conversationRename: ({ id, title }) => {
      if (!core.conversations.rename(id, title, core.clock())) throw new AppError('not_found', 'That conversation no longer exists.');
      return conversationView(id);
    },

    conversationDelete: ({ id }) => {
      const deleted = core.conversations.delete(id);
      // The rows went with the conversation; its files go once that is committed. An id that named
      // no conversation has no folder (and need not be one a folder could be named by).
      if (deleted) core.attachmentStore.syncFolder(id);
      return { deleted };
    },

    conversationWebSearchSet: ({ id, on }) => {
      if (!core.conversations.setWebSearch(id, on, core.clock())) throw new AppError('not_found', 'That conversation no longer exists.');
      return conversationView(id);
    },

    attachmentStage: ({ name, dataBase64 }) => core.staging.stage(name, Buffer.from(dataBase64, 'base64')),

    attachmentDiscard: ({ id }) => ({ discarded: core.chat.discardStaged(id) }),

    conversationExport: ({ id, format }) => core.services.conversationExports.render(id, format),

    conversationExportSave: ({ id, format }) => {
      const choose = host.chooseExportFile;
      if (!choose) throw new AppError('invalid_request', "Saving an export to a file needs the desktop app's save dialog; download it instead.");
      return core.services.conversationExports.save(id, format, choose);
    },

    conversationSystemPromptSet: ({ id, text }) => {
      // Blank space around instructions is a paste artifact; trimmed so '' means "none".
      if (!core.conversations.setSystemPrompt(id, text === null ? null : text.trim(), core.clock())) {
        throw new AppError('not_found', 'That conversation no longer exists.');
      }
      return conversationView(id);
    },

    chatEstimate: async (request) => {
      const { estimate, caps } = await core.chat.estimate(request);
      return estimateView(budgets, estimate, caps);
    },

    chatSend: async (request) => {
      const started = await core.chat.send(request);
      return {
        requestId: started.requestId,
        conversationId: started.conversationId,
        userMessageId: started.userMessageId,
        estimate: estimateView(budgets, started.estimate, started.caps),
      };
    },

    chatCancel: ({ requestId }) => ({ cancelled: core.chat.cancel(requestId, 'user') }),
  };
}
