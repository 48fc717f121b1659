import type { AttachmentView } from '../../../shared/attachments';
import type { ConversationView, MessageView, RequestMeta } from '../../../shared/contract/chat-contract';
import { storedSources } from './stored-sources';
import { cacheSaving } from '../pricing/cache-saving';
import { callFeesOfRow, callFeeViews } from '../pricing/call-fees';
import type { ConversationSummary, ThreadRow } from './conversation-store';

export function toConversationView(summary: ConversationSummary): ConversationView {
  return {
    id: summary.id,
    title: summary.title,
    providerId: summary.providerId,
    model: summary.model,
    systemPrompt: summary.systemPrompt,
    webSearch: summary.webSearch,
    updatedAt: summary.updatedAt,
    totalCostNanos: summary.totalCost,
    requests: summary.requests,
    unpricedRequests: summary.unpricedRequests,
  };
}

/** A message's attachments by message id, as AttachmentStore.forConversation reads them in one query. */
export type ThreadAttachments = ReadonlyMap<string, readonly { view: AttachmentView }[]>;

/**
 * A conversation's messages with, on each user message, the files sent with it, and on each
 * assistant message, what the ledger recorded for it.
 */
export function messageViews(rows: readonly ThreadRow[], providerName: (id: string) => string, attachments: ThreadAttachments): MessageView[] {
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    content: row.content,
    reasoningText: row.reasoningText,
    sources: storedSources(row.sourcesJson),
    attachments: (attachments.get(row.id) ?? []).map((attachment) => attachment.view),
    status: row.status,
    createdAt: row.createdAt,
    request: row.requestId === null ? null : requestMeta(row, providerName),
  }));
}

function requestMeta(row: ThreadRow, providerName: (id: string) => string): RequestMeta {
  return {
    requestId: row.requestId!,
    status: row.requestStatus!,
    providerId: row.providerId!,
    providerName: providerName(row.providerId!),
    model: row.model!,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    cachedInputTokens: row.cachedInputTokens,
    cacheWriteTokens: row.cacheWriteTokens,
    reasoningTokens: row.reasoningTokens,
    usageSource: row.usageSource,
    costNanos: row.costNanos,
    providerCostNanos: row.providerCostNanos,
    cacheSavedNanos: cacheSaving(row),
    fees: callFeeViews(callFeesOfRow(row)),
    ttftMs: row.ttftMs,
    durationMs: row.durationMs,
    cancelReason: row.cancelReason,
    error: row.error,
  };
}
