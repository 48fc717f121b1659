import type Database from 'better-sqlite3';
import type { RequestMeta } from '../../../shared/contract/chat-contract';
import type { Nanodollars, NanodollarsPerMTok } from '../../../shared/money';
import type { RequestStatus } from '../../../shared/request-status';
import { finalRowSql } from '../ledger/status-sql';
import type { CallFeeColumns } from '../pricing/call-fees';

export interface ConversationSummary {
  id: string;
  title: string;
  providerId: string | null;
  model: string | null;
  /** Its own system prompt; null: the Settings default applies; '' sends none. */
  systemPrompt: string | null;
  /** The composer's web search toggle, as the conversation last used it. */
  webSearch: boolean;
  createdAt: number;
  updatedAt: number;
  /** Sum of the conversation's priced requests; unpriced ones are counted apart. */
  totalCost: Nanodollars;
  unpricedRequests: number;
  requests: number;
}

export interface StoredMessage {
  id: string;
  conversationId: string;
  role: 'system' | 'user' | 'assistant';
  content: string;
  reasoningText: string | null;
  status: 'complete' | 'partial' | 'failed';
  requestId: string | null;
  createdAt: number;
}

/** The ledger's columns of RequestMeta that can be read as they are (all nullable already). */
type LedgerFigures = Omit<RequestMeta, 'requestId' | 'status' | 'providerId' | 'providerName' | 'model' | 'cacheSavedNanos' | 'fees'>;

/** A message joined to its request: the request's columns are null for user messages. */
export type ThreadRow = Omit<StoredMessage, 'conversationId' | 'requestId'> &
  LedgerFigures & {
    requestId: string | null;
    requestStatus: RequestStatus | null;
    providerId: string | null;
    model: string | null;
    sourcesJson: string | null;
  } & ChargedInputPrices &
  CallFeeColumns;

/** The prices a row's caching saving is derived from, frozen on it. */
interface ChargedInputPrices {
  priceInput: NanodollarsPerMTok | null;
  priceCacheRead: NanodollarsPerMTok | null;
}

/** SQLite keeps a boolean as 0 or 1; summaryOf turns it back. */
type SummaryRow = Omit<ConversationSummary, 'webSearch'> & { webSearch: 0 | 1 };

const SUMMARY = `
  SELECT c.id, c.title, c.provider_id AS providerId, c.model, c.system_prompt AS systemPrompt, c.web_search AS webSearch,
    c.created_at AS createdAt, c.updated_at AS updatedAt,
    COALESCE(SUM(r.cost_usd_nanos), 0) AS totalCost,
    COALESCE(SUM(CASE WHEN r.cost_usd_nanos IS NULL AND r.status != 'refused' AND ${finalRowSql('r')} THEN 1 ELSE 0 END), 0) AS unpricedRequests,
    COUNT(r.id) AS requests
  FROM conversations c LEFT JOIN requests r ON r.conversation_id = c.id AND r.status != 'refused'`;

/**
 * Conversations and their messages. Deleting a conversation removes its messages but never its
 * ledger rows: money spent stays spent, and the month's totals do not move.
 */
export class ConversationStore {
  constructor(private readonly sqlite: Database.Database) {}

  create(
    input: { id: string; title: string; providerId?: string; model?: string; systemPrompt?: string; webSearch?: boolean },
    now: number,
  ): void {
    this.sqlite
      .prepare(
        'INSERT INTO conversations (id, title, provider_id, model, system_prompt, web_search, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(input.id, input.title, input.providerId ?? null, input.model ?? null, input.systemPrompt ?? null, input.webSearch ? 1 : 0, now, now);
  }

  /**
   * What a request reads of its conversation: one row, without the summary's sums over its
   * requests. A null system prompt: the Settings default applies.
   */
  settingsOf(id: string): { systemPrompt: string | null; webSearch: boolean } | undefined {
    const row = this.sqlite
      .prepare<[string], { systemPrompt: string | null; webSearch: 0 | 1 }>('SELECT system_prompt AS systemPrompt, web_search AS webSearch FROM conversations WHERE id = ?')
      .get(id);
    return row && { systemPrompt: row.systemPrompt, webSearch: row.webSearch === 1 };
  }

  setSystemPrompt(id: string, systemPrompt: string | null, now: number): boolean {
    return this.sqlite.prepare('UPDATE conversations SET system_prompt = ?, updated_at = ? WHERE id = ?').run(systemPrompt, now, id).changes > 0;
  }

  setWebSearch(id: string, on: boolean, now: number): boolean {
    return this.sqlite.prepare('UPDATE conversations SET web_search = ?, updated_at = ? WHERE id = ?').run(on ? 1 : 0, now, id).changes > 0;
  }

  exists(id: string): boolean {
    return this.sqlite.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id) !== undefined;
  }

  get(id: string): ConversationSummary | undefined {
    const row = this.sqlite.prepare<[string], SummaryRow>(`${SUMMARY} WHERE c.id = ? GROUP BY c.id`).get(id);
    return row && summaryOf(row);
  }

  /** Newest first; `search` matches the title or any message's text, case-insensitively. */
  list(search?: string): ConversationSummary[] {
    if (!search?.trim()) {
      return this.sqlite.prepare<[], SummaryRow>(`${SUMMARY} GROUP BY c.id ORDER BY c.updated_at DESC`).all().map(summaryOf);
    }
    const pattern = `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.sqlite
      .prepare<{ pattern: string }, SummaryRow>(
        `${SUMMARY} WHERE c.title LIKE @pattern ESCAPE '\\'
           OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.content LIKE @pattern ESCAPE '\\')
         GROUP BY c.id ORDER BY c.updated_at DESC`,
      )
      .all({ pattern })
      .map(summaryOf);
  }

  rename(id: string, title: string, now: number): boolean {
    return this.sqlite.prepare('UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?').run(title, now, id).changes > 0;
  }

  setModel(id: string, providerId: string, model: string, now: number): void {
    this.sqlite
      .prepare('UPDATE conversations SET provider_id = ?, model = ?, updated_at = ? WHERE id = ?')
      .run(providerId, model, now, id);
  }

  /** Its messages' attachment rows go by cascade; AttachmentStore.syncFolder then removes the files. */
  delete(id: string): boolean {
    return this.sqlite.prepare('DELETE FROM conversations WHERE id = ?').run(id).changes > 0;
  }

  /** The thread as the window shows it: each message joined to its request (null columns for user messages). */
  thread(conversationId: string): ThreadRow[] {
    return this.sqlite
      .prepare(
        `SELECT m.id, m.role, m.content, m.reasoning_text AS reasoningText, m.sources_json AS sourcesJson, m.status,
           m.created_at AS createdAt,
           r.id AS requestId, r.status AS requestStatus, r.provider_id AS providerId, r.model, r.input_tokens AS inputTokens,
           r.output_tokens AS outputTokens, r.cached_input_tokens AS cachedInputTokens, r.cache_write_tokens AS cacheWriteTokens,
           r.reasoning_tokens AS reasoningTokens, r.usage_source AS usageSource, r.cost_usd_nanos AS costNanos,
           r.provider_cost_usd_nanos AS providerCostNanos, r.price_input_usd_nanos_per_mtok AS priceInput,
           r.price_cache_read_usd_nanos_per_mtok AS priceCacheRead, r.request_calls AS requestCalls,
           r.price_request_usd_nanos_per_call AS priceRequestUsdNanosPerCall, r.request_fee_usd_nanos AS requestFeeUsdNanos,
           r.web_search_calls AS webSearchCalls, r.price_web_search_usd_nanos_per_call AS priceWebSearchUsdNanosPerCall,
           r.web_search_fee_usd_nanos AS webSearchFeeUsdNanos, r.ttft_ms AS ttftMs, r.duration_ms AS durationMs, r.cancel_reason AS cancelReason, r.error
         FROM messages m LEFT JOIN requests r ON r.id = m.request_id AND m.role = 'assistant'
         WHERE m.conversation_id = ? ORDER BY m.created_at, m.rowid`,
      )
      .all(conversationId) as ThreadRow[];
  }

  /**
   * The caching figures of every finalized request of a conversation, those of replaced or
   * regenerated answers included: the header's saving covers what its total cost covers.
   */
  cachingRows(conversationId: string): (ChargedInputPrices & { cachedInputTokens: number | null })[] {
    return this.sqlite
      .prepare(
        `SELECT r.cached_input_tokens AS cachedInputTokens, r.price_input_usd_nanos_per_mtok AS priceInput,
           r.price_cache_read_usd_nanos_per_mtok AS priceCacheRead
         FROM requests r WHERE r.conversation_id = ? AND r.status != 'refused' AND ${finalRowSql('r')}`,
      )
      .all(conversationId) as (ChargedInputPrices & { cachedInputTokens: number | null })[];
  }

  messages(conversationId: string): StoredMessage[] {
    return this.sqlite
      .prepare(
        `SELECT id, conversation_id AS conversationId, role, content, reasoning_text AS reasoningText, status,
           request_id AS requestId, created_at AS createdAt
         FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid`,
      )
      .all(conversationId) as StoredMessage[];
  }

  addUserMessage(input: { id: string; conversationId: string; content: string }, now: number): void {
    this.sqlite
      .prepare(
        `INSERT INTO messages (id, conversation_id, role, content, status, created_at) VALUES (?, ?, 'user', ?, 'complete', ?)`,
      )
      .run(input.id, input.conversationId, input.content, now);
    this.sqlite.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(now, input.conversationId);
  }

  /**
   * Removes messages from a point on (regenerate / edit-and-resend of the last turn). Their
   * attachment rows go by cascade; AttachmentStore.syncFolder then removes the files.
   */
  deleteMessagesFrom(conversationId: string, messageId: string): number {
    const anchor = this.sqlite
      .prepare('SELECT created_at AS createdAt, rowid FROM messages WHERE id = ? AND conversation_id = ?')
      .get(messageId, conversationId) as { createdAt: number; rowid: number } | undefined;
    if (!anchor) return 0;
    return this.sqlite
      .prepare(
        'DELETE FROM messages WHERE conversation_id = ? AND (created_at > ? OR (created_at = ? AND rowid >= ?))',
      )
      .run(conversationId, anchor.createdAt, anchor.createdAt, anchor.rowid).changes;
  }
}

function summaryOf(row: SummaryRow): ConversationSummary {
  return { ...row, webSearch: row.webSearch === 1 };
}
