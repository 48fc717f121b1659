import type Database from 'better-sqlite3';
import type { ChargedFees, FinalizeInput, LedgerRow, OpenRequestInput } from './ledger-types';
import { openRowSql } from './status-sql';
import { UsageRollup } from './usage-rollup';

const SELECT_ROW = `
  SELECT id, conversation_id AS conversationId, user_message_id AS userMessageId,
    assistant_message_id AS assistantMessageId, provider_id AS providerId, provider_kind AS providerKind, model, status,
    streamed, input_tokens AS inputTokens, output_tokens AS outputTokens, cached_input_tokens AS cachedInputTokens,
    cache_write_tokens AS cacheWriteTokens, cache_write_5m_tokens AS cacheWrite5mTokens,
    cache_write_1h_tokens AS cacheWrite1hTokens, reasoning_tokens AS reasoningTokens, usage_source AS usageSource,
    raw_usage_json AS rawUsageJson, provider_cost_usd_nanos AS providerCostUsdNanos,
    price_input_usd_nanos_per_mtok AS priceInputUsdNanosPerMTok, price_output_usd_nanos_per_mtok AS priceOutputUsdNanosPerMTok,
    price_cache_read_usd_nanos_per_mtok AS priceCacheReadUsdNanosPerMTok,
    price_cache_write_usd_nanos_per_mtok AS priceCacheWriteUsdNanosPerMTok,
    price_cache_write_1h_usd_nanos_per_mtok AS priceCacheWrite1hUsdNanosPerMTok, price_source AS priceSource,
    request_calls AS requestCalls, price_request_usd_nanos_per_call AS priceRequestUsdNanosPerCall,
    request_fee_usd_nanos AS requestFeeUsdNanos, web_search_calls AS webSearchCalls,
    price_web_search_usd_nanos_per_call AS priceWebSearchUsdNanosPerCall, web_search_fee_usd_nanos AS webSearchFeeUsdNanos,
    call_fee_price_source AS callFeePriceSource,
    cost_usd_nanos AS costUsdNanos, billed_currency AS billedCurrency, reserved_usd_nanos AS reservedUsdNanos,
    estimated_input_tokens AS estimatedInputTokens, partial_text AS partialText, partial_reasoning AS partialReasoning,
    checkpoint_at AS checkpointAt, started_at AS startedAt, ttft_ms AS ttftMs, finished_at AS finishedAt,
    duration_ms AS durationMs, finish_reason AS finishReason, cancel_reason AS cancelReason, error, owner_pid AS ownerPid
  FROM requests`;

/**
 * The only writer of the `requests` ledger. Each method is one statement or one transaction;
 * `finalize` is conditional on the row still being open, so a second finalize changes nothing.
 */
export class RequestLedger {
  private readonly insertStatement;
  private readonly streamingStatement;
  private readonly checkpointStatement;
  private readonly finalizeStatement;
  private readonly insertMessageStatement;
  private readonly linkMessageStatement;
  private readonly getStatement;
  private readonly rollup: UsageRollup;

  constructor(
    readonly sqlite: Database.Database,
    private readonly timeZone: () => string,
  ) {
    this.rollup = new UsageRollup(sqlite);
    this.insertStatement = sqlite.prepare(`
      INSERT INTO requests (id, conversation_id, user_message_id, provider_id, provider_kind, model, status, streamed,
        estimated_input_tokens, reserved_usd_nanos, started_at, owner_pid, error)
      VALUES (@id, @conversationId, @userMessageId, @providerId, @providerKind, @model, @status, @streamed,
        @estimatedInputTokens, @reservation, @startedAt, @ownerPid, @error)`);
    this.streamingStatement = sqlite.prepare(
      `UPDATE requests SET status = 'streaming', ttft_ms = ? WHERE id = ? AND status = 'pending'`,
    );
    this.checkpointStatement = sqlite.prepare(`
      UPDATE requests SET partial_text = ?, partial_reasoning = ?, checkpoint_at = ?
      WHERE id = ? AND ${openRowSql()}`);
    this.finalizeStatement = sqlite.prepare(`
      UPDATE requests SET status = @status, input_tokens = @inputTokens, output_tokens = @outputTokens,
        cached_input_tokens = @cachedInputTokens, cache_write_tokens = @cacheWriteTokens,
        cache_write_5m_tokens = @cacheWrite5mTokens, cache_write_1h_tokens = @cacheWrite1hTokens,
        reasoning_tokens = @reasoningTokens, usage_source = @usageSource, raw_usage_json = @rawUsageJson,
        provider_cost_usd_nanos = @providerCost, provider_response_id = @responseId, price_input_usd_nanos_per_mtok = @priceInput,
        price_output_usd_nanos_per_mtok = @priceOutput, price_cache_read_usd_nanos_per_mtok = @priceCacheRead,
        price_cache_write_usd_nanos_per_mtok = @priceCacheWrite, price_cache_write_1h_usd_nanos_per_mtok = @priceCacheWrite1h,
        price_source = @priceSource, request_calls = @requestCalls, price_request_usd_nanos_per_call = @priceRequest,
        request_fee_usd_nanos = @requestFee, web_search_calls = @webSearchCalls,
        price_web_search_usd_nanos_per_call = @priceWebSearch, web_search_fee_usd_nanos = @webSearchFee,
        call_fee_price_source = @callFeeSource, cost_usd_nanos = @cost,
        finished_at = @finishedAt, duration_ms = @durationMs, ttft_ms = COALESCE(@ttftMs, ttft_ms),
        finish_reason = @finishReason, cancel_reason = @cancelReason, error = @error,
        assistant_message_id = @assistantMessageId, partial_text = NULL, partial_reasoning = NULL
      WHERE id = @id AND ${openRowSql()}`);
    this.insertMessageStatement = sqlite.prepare(`
      INSERT INTO messages (id, conversation_id, role, content, reasoning_text, sources_json, status, request_id, input_tokens,
        output_tokens, created_at)
      SELECT @id, @conversationId, 'assistant', @content, @reasoningText, @sourcesJson, @status, @requestId, @inputTokens,
        @outputTokens, @createdAt
      WHERE EXISTS (SELECT 1 FROM conversations WHERE id = @conversationId)`);
    // (A conversation deleted while its answer streamed keeps its ledger row, not the message.)
    this.linkMessageStatement = sqlite.prepare(
      'UPDATE messages SET request_id = ?, input_tokens = ? WHERE id = ?',
    );
    this.getStatement = sqlite.prepare<[string]>(`${SELECT_ROW} WHERE id = ?`);
  }

  /** Inserts the `pending` row with its reservation (inside the pre-flight transaction). */
  open(input: OpenRequestInput): void {
    this.insertStatement.run({ ...input, status: 'pending', streamed: input.streamed ? 1 : 0, error: null });
    if (input.userMessageId) this.linkMessageStatement.run(input.id, input.estimatedInputTokens, input.userMessageId);
  }

  /** Records a request that pre-flight refused: nothing was sent, so it has no usage and no cost. */
  refuse(input: OpenRequestInput, message: string): void {
    this.insertStatement.run({ ...input, status: 'refused', streamed: input.streamed ? 1 : 0, reservation: 0, error: message });
    this.rollup.add(input.id, this.timeZone());
  }

  markStreaming(id: string, ttftMs: number): void {
    this.streamingStatement.run(ttftMs, id);
  }

  checkpoint(id: string, text: string, reasoning: string, at: number): void {
    this.checkpointStatement.run(text, reasoning || null, at, id);
  }

  /**
   * Finalizes an open row exactly once, with the assistant message and the rollup in the same
   * transaction. Returns false (and writes nothing) when the row was already final.
   */
  finalize(input: FinalizeInput): boolean {
    return this.sqlite.transaction(() => {
      const changed = this.finalizeStatement.run({
        id: input.id,
        status: input.status,
        inputTokens: input.usage.inputTokens,
        outputTokens: input.usage.outputTokens,
        cachedInputTokens: input.usage.cachedInputTokens ?? null,
        cacheWriteTokens: input.usage.cacheWriteTokens ?? null,
        cacheWrite5mTokens: input.usage.cacheWrite5mTokens ?? null,
        cacheWrite1hTokens: input.usage.cacheWrite1hTokens ?? null,
        reasoningTokens: input.usage.reasoningTokens ?? null,
        usageSource: input.usageSource,
        rawUsageJson: input.rawUsage === undefined ? null : JSON.stringify(input.rawUsage),
        providerCost: input.providerCost ?? null,
        responseId: input.responseId ?? null,
        priceInput: input.prices?.input ?? null,
        priceOutput: input.prices?.output ?? null,
        priceCacheRead: input.prices?.cacheRead ?? null,
        priceCacheWrite: input.prices?.cacheWrite ?? null,
        priceCacheWrite1h: input.prices?.cacheWrite1h ?? null,
        priceSource: input.prices?.source ?? null,
        ...feeColumns(input.fees),
        cost: input.cost,
        finishedAt: input.finishedAt,
        durationMs: input.durationMs,
        ttftMs: input.ttftMs ?? null,
        finishReason: input.finishReason ?? null,
        cancelReason: input.cancelReason ?? null,
        error: input.error ?? null,
        assistantMessageId: input.assistantMessage?.id ?? null,
      }).changes;
      if (changed !== 1) return false;
      if (input.assistantMessage) {
        const { sources, ...message } = input.assistantMessage;
        this.insertMessageStatement.run({
          ...message,
          sourcesJson: sources && sources.length > 0 ? JSON.stringify(sources) : null,
          requestId: input.id,
          inputTokens: input.usage.inputTokens,
          outputTokens: input.usage.outputTokens,
        });
      }
      this.rollup.add(input.id, this.timeZone());
      return true;
    }).immediate();
  }

  get(id: string): LedgerRow | undefined {
    const row = this.getStatement.get(id) as (Omit<LedgerRow, 'streamed'> & { streamed: number }) | undefined;
    return row ? { ...row, streamed: row.streamed === 1 } : undefined;
  }

  /** How many requests were charged at one price source (an override's `override:<id>`). */
  countChargedAt(priceSource: string): number {
    return this.sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM requests WHERE price_source = ?').get(priceSource)?.n ?? 0;
  }

  /** Rows left open (pending/streaming), oldest first: what start-up recovery looks at. */
  openRows(): LedgerRow[] {
    return (this.sqlite.prepare(`${SELECT_ROW} WHERE ${openRowSql()} ORDER BY started_at`).all() as (Omit<
      LedgerRow,
      'streamed'
    > & { streamed: number })[]).map((row) => ({ ...row, streamed: row.streamed === 1 }));
  }

  rebuildRollup(): void {
    this.rollup.rebuild(this.timeZone());
  }
}

/** Each fee kind as its three columns, NULL when the row was charged none of it. */
function feeColumns(charged: ChargedFees | undefined) {
  const request = charged?.fees.request;
  const webSearch = charged?.fees.webSearch;
  return {
    requestCalls: request?.calls ?? null,
    priceRequest: request?.price ?? null,
    requestFee: request?.fee ?? null,
    webSearchCalls: webSearch?.calls ?? null,
    priceWebSearch: webSearch?.price ?? null,
    webSearchFee: webSearch?.fee ?? null,
    callFeeSource: charged?.source ?? null,
  };
}
