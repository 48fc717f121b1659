import type { RequestMeta } from '../../../shared/contract/chat-contract';
import type { FinishedRequest } from '../../../shared/contract/events';

/** A request that just ended, in the thread's terms: what the window shows until it rereads the ledger. */
export function requestMetaOf(request: FinishedRequest, providerName: string): RequestMeta {
  return {
    requestId: request.requestId,
    status: request.status,
    providerId: request.providerId,
    providerName,
    model: request.model,
    inputTokens: request.usage.inputTokens,
    outputTokens: request.usage.outputTokens,
    cachedInputTokens: request.usage.cachedInputTokens ?? null,
    cacheWriteTokens: request.usage.cacheWriteTokens ?? null,
    reasoningTokens: request.usage.reasoningTokens ?? null,
    usageSource: request.usageSource,
    costNanos: request.costNanos,
    providerCostNanos: request.providerCostNanos,
    cacheSavedNanos: request.cacheSavedNanos,
    fees: request.fees,
    ttftMs: request.ttftMs,
    durationMs: request.durationMs,
    cancelReason: request.cancelReason,
    error: request.error,
  };
}
