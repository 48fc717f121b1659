import type Database from 'better-sqlite3';
import type { ConversationView, MessageView, RequestMeta } from '../../../shared/contract/chat-contract';
import type { ConversationSummary } from './conversation-store';

export function toConversationView(summary: ConversationSummary): ConversationView {
  return {
    id: summary.id,
    title: summary.title,
    providerId: summary.providerId,
    model: summary.model,
    updatedAt: summary.updatedAt,
    totalCostNanos: summary.totalCost,
    requests: summary.requests,
    unpricedRequests: summary.unpricedRequests,
  };
}

/** The ledger's columns of RequestMeta that can be read as they are (all nullable already). */
type LedgerFigures = Omit<RequestMeta, 'requestId' | 'status' | 'providerId' | 'providerName' | 'model'>;

/** A message joined to its request: the request's columns are null for user messages. */
type MessageRow = Omit<MessageView, 'request'> &
  LedgerFigures & {
    requestId: string | null;
    requestStatus: string | null;
    providerId: string | null;
    model: string | null;
  };

/** A conversation's messages with, on each assistant message, what the ledger recorded for it. */
export function messageViews(sqlite: Database.Database, conversationId: string, providerName: (id: string) => string): MessageView[] {
  const rows = sqlite
    .prepare(
      `SELECT m.id, m.role, m.content, m.reasoning_text AS reasoningText, m.status, m.created_at AS createdAt,
         r.id AS requestId, r.status AS requestStatus, r.provider_id AS providerId, r.model, r.input_tokens AS inputTokens,
         r.output_tokens AS outputTokens, r.cached_input_tokens AS cachedInputTokens, r.cache_write_tokens AS cacheWriteTokens,
         r.reasoning_tokens AS reasoningTokens, r.usage_source AS usageSource, r.cost_usd_nanos AS costNanos,
         r.ttft_ms AS ttftMs, r.duration_ms AS durationMs, r.cancel_reason AS cancelReason, r.error
       FROM messages m LEFT JOIN requests r ON r.id = m.request_id AND m.role = 'assistant'
       WHERE m.conversation_id = ? ORDER BY m.created_at, m.rowid`,
    )
    .all(conversationId) as MessageRow[];
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    content: row.content,
    reasoningText: row.reasoningText,
    status: row.status,
    createdAt: row.createdAt,
    request: row.requestId === null ? null : requestMeta(row, providerName),
  }));
}

function requestMeta(row: MessageRow, providerName: (id: string) => string): RequestMeta {
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
    ttftMs: row.ttftMs,
    durationMs: row.durationMs,
    cancelReason: row.cancelReason,
    error: row.error,
  };
}
