import type { AnswerSource } from '../../../shared/answer-source';
import type { FinishedRequest, TallychatEvent } from '../../../shared/contract/events';
import type { Nanodollars } from '../../../shared/money';
import type { FinalStatus } from '../ledger/ledger-types';
import type { RequestLedger } from '../ledger/request-ledger';
import type { ResolvedPrice } from '../price-overrides/resolve-price';
import { computeCost } from '../pricing/compute-cost';
import { cacheSaving } from '../pricing/cache-saving';
import { callFeeViews } from '../pricing/call-fees';
import { wireApiFor } from '../provider-config/wire-api-choice';
import type { callProvider } from '../providers/call-provider';
import { ProviderError } from '../providers/provider-error';
import type { CallOptions, ChatCallRequest, ProviderUsage, TerminalPart } from '../providers/provider-types';
import { countTextTokens } from '../tokens/count-tokens';
import type { ResolvedProvider } from './chat-types';
import { DeltaCoalescer } from './delta-coalescer';
import { finalUsage } from './final-usage';
import { priceUsage } from './price-usage';

import type { CancelReason } from '../../../shared/request-status';

export type { CancelReason };

export interface StreamRun {
  requestId: string;
  conversationId: string | null;
  assistantMessageId: string;
  provider: ResolvedProvider;
  call: ChatCallRequest;
  promptTokens: number;
  startedAt: number;
  price: ResolvedPrice | undefined;
  /** For a strict cap: the most this request may cost before it is cut off. */
  strictRoom?: Nanodollars;
  controller: AbortController;
}

export interface StreamRunnerDeps {
  ledger: RequestLedger;
  callProvider: typeof callProvider;
  callOptions: Partial<CallOptions>;
  clock: () => number;
  emit: (event: TallychatEvent) => void;
  coalesceMs: number;
  checkpointIntervalMs: number;
}

/**
 * Runs one provider call for a ledger row that pre-flight opened, and finalizes the row exactly
 * once whatever happens: finished, stopped, failed, or cut off at a strict cap.
 */
export async function runStream(deps: StreamRunnerDeps, run: StreamRun): Promise<FinishedRequest> {
  // Time to first token counts from the call, not from the user's click: pre-flight's token
  // counting (slow once, while the tokenizer loads) is not the provider's latency.
  const callStartedAt = deps.clock();
  let text = '';
  let reasoning = '';
  let ttftMs: number | undefined;
  let lastCheckpoint = run.startedAt;
  let outputTokensSoFar = 0;
  let lastUsage: ProviderUsage | undefined;
  let citations: AnswerSource[] | undefined;
  let terminal: TerminalPart | undefined;
  const settings = run.provider.modelSettings[run.call.model];
  const call: ChatCallRequest = { ...run.call, api: run.call.api ?? wireApiFor(run.provider.kind, run.call.model, settings) };

  const runningCost = (): Nanodollars | null =>
    run.price ? computeCost({ inputTokens: run.promptTokens, outputTokens: outputTokensSoFar }, run.price.prices, { requests: 1 }).total : null;

  const coalescer = new DeltaCoalescer(deps.coalesceMs, (textDelta, reasoningDelta) => {
    outputTokensSoFar += runningTokenEstimate(run.call.model, textDelta + reasoningDelta);
    const cost = runningCost();
    deps.emit({
      type: 'chat.delta',
      requestId: run.requestId,
      conversationId: run.conversationId,
      text: textDelta,
      reasoning: reasoningDelta,
      runningCostNanos: cost,
      outputTokensSoFar,
    });
    if (run.strictRoom !== undefined && cost !== null && cost >= run.strictRoom) run.controller.abort('budget');
  });

  try {
    for await (const part of deps.callProvider(run.provider.endpoint, call, { ...deps.callOptions, signal: run.controller.signal })) {
      if (part.type === 'text-delta' || part.type === 'reasoning-delta') {
        if (ttftMs === undefined) {
          ttftMs = deps.clock() - callStartedAt;
          deps.ledger.markStreaming(run.requestId, ttftMs);
        }
        if (part.type === 'text-delta') text += part.text;
        else reasoning += part.text;
        coalescer.push(part.type === 'text-delta' ? 'text' : 'reasoning', part.text);
        const now = deps.clock();
        if (now - lastCheckpoint >= deps.checkpointIntervalMs) {
          deps.ledger.checkpoint(run.requestId, text, reasoning, now);
          lastCheckpoint = now;
        }
      } else if (part.type === 'usage') {
        lastUsage = part.usage;
      } else if (part.type === 'citations') {
        citations = part.citations;
      } else {
        terminal = part;
      }
    }
  } catch (unexpected) {
    // The adapters end every call with a terminal part; this is a bug, and the row must still close.
    const detail = unexpected instanceof Error ? unexpected.message : String(unexpected);
    terminal = {
      type: 'error',
      error: new ProviderError({ code: 'protocol', provider: run.provider.name, message: `${run.provider.name} call failed: ${detail}` }),
    };
  } finally {
    coalescer.flush();
  }

  return finalize(deps, run, { text, reasoning, ttftMs, terminal: terminal ?? { type: 'aborted' }, lastUsage, citations });
}

/**
 * Counting only what arrived since the last event keeps the running estimate cheap on long
 * answers. A batch too large to tokenize without stalling the main process (a fast stream whose
 * timer could not fire) is estimated at three UTF-8 bytes a token, which errs high for English
 * and code, the safe side for a strict cap. The final usage is counted properly at the end.
 */
const TOKENIZE_BATCH_LIMIT = 16 * 1024;

function runningTokenEstimate(model: string, text: string): number {
  if (text.length <= TOKENIZE_BATCH_LIMIT) return countTextTokens(model, text).tokens;
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 3);
}

interface Collected {
  text: string;
  reasoning: string;
  ttftMs: number | undefined;
  terminal: TerminalPart;
  lastUsage: ProviderUsage | undefined;
  citations: AnswerSource[] | undefined;
}

function finalize(deps: StreamRunnerDeps, run: StreamRun, got: Collected): FinishedRequest {
  const finishedAt = deps.clock();
  const { terminal } = got;
  const status: FinalStatus = terminal.type === 'finish' ? 'completed' : terminal.type === 'aborted' ? 'cancelled' : 'failed';
  const cancelReason: CancelReason | undefined =
    status === 'cancelled' ? ((run.controller.signal.reason as CancelReason | undefined) ?? 'user') : undefined;
  const reported = terminal.usage ?? got.lastUsage;
  const { usage, source, calls } = finalUsage({
    model: run.call.model,
    promptTokens: run.promptTokens,
    text: got.text,
    reasoning: got.reasoning,
    ...(reported ? { reported } : {}),
    finished: terminal.type === 'finish',
    rejectedByProvider: terminal.type === 'error' && terminal.error.status !== undefined && got.ttftMs === undefined,
  });
  const priced = priceUsage(run.price, usage, calls);
  const error = terminal.type === 'error' ? terminal.error : undefined;
  const hasText = got.text.length > 0 || got.reasoning.length > 0;
  const messageStatus = status === 'completed' ? 'complete' : hasText || status === 'cancelled' ? 'partial' : 'failed';
  // A stop before the first token still leaves its mark (and its cost) in the thread.
  const writeMessage = run.conversationId !== null && (hasText || status !== 'completed');

  const durationMs = finishedAt - run.startedAt;
  deps.ledger.finalize({
    id: run.requestId,
    status,
    usage,
    usageSource: source,
    ...(reported ? { rawUsage: reported.raw } : {}),
    ...(reported?.providerCostNanos !== undefined ? { providerCost: reported.providerCostNanos } : {}),
    ...(reported?.generationId !== undefined ? { responseId: reported.generationId } : {}),
    ...(priced.charged ? { prices: priced.charged } : {}),
    ...(priced.fees ? { fees: priced.fees } : {}),
    cost: priced.cost,
    finishedAt,
    durationMs,
    ...(got.ttftMs !== undefined ? { ttftMs: got.ttftMs } : {}),
    ...(terminal.type === 'finish' ? { finishReason: terminal.finishReason } : {}),
    ...(cancelReason ? { cancelReason } : {}),
    ...(error ? { error: error.message } : {}),
    ...(writeMessage && run.conversationId
      ? {
          assistantMessage: {
            id: run.assistantMessageId,
            conversationId: run.conversationId,
            content: got.text,
            reasoningText: got.reasoning || null,
            ...(got.citations ? { sources: got.citations } : {}),
            status: messageStatus,
            createdAt: finishedAt,
          },
        }
      : {}),
  });

  return {
    requestId: run.requestId,
    conversationId: run.conversationId,
    assistantMessageId: writeMessage ? run.assistantMessageId : null,
    status,
    text: got.text,
    reasoningText: got.reasoning,
    usage,
    usageSource: source,
    costNanos: priced.cost,
    providerCostNanos: reported?.providerCostNanos ?? null,
    cacheSavedNanos: cacheSaving({
      cachedInputTokens: usage.cachedInputTokens ?? null,
      priceInput: priced.charged?.input ?? null,
      priceCacheRead: priced.charged?.cacheRead ?? null,
    }),
    fees: callFeeViews(priced.fees?.fees ?? {}),
    providerId: run.provider.id,
    model: run.call.model,
    ttftMs: got.ttftMs ?? null,
    durationMs,
    cancelReason: cancelReason ?? null,
    failure: error ? { code: error.code, message: error.message, retryable: error.retryable, status: error.status ?? null } : null,
    error: error?.message ?? null,
    errorCode: error?.code ?? null,
    sources: got.citations ?? [],
  };
}
