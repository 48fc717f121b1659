import { create } from 'zustand';
import type { EstimateView, RequestMeta } from '../../../../shared/contract/chat-contract';
import type { FinishedRequest } from '../../../../shared/contract/events';

/** An answer while it streams, and for the moment between its end and the ledger's reread. */
export interface LiveAnswer {
  requestId: string;
  conversationId: string | null;
  text: string;
  reasoning: string;
  /** Main's running estimate (prompt + output so far), nano-dollars; null when unpriced. */
  runningCostNanos: number | null;
  outputTokensSoFar: number;
  providerName: string | null;
  model: string | null;
  estimate: EstimateView | null;
  /** The final figures, as soon as main reports them. */
  finished: RequestMeta | null;
}

export interface DeltaBatch {
  conversationId: string | null;
  text: string;
  reasoning: string;
  runningCostNanos: number | null;
  outputTokensSoFar: number;
}

interface LiveAnswersState {
  answers: Readonly<Record<string, LiveAnswer>>;
  applyDeltas(batches: ReadonlyMap<string, DeltaBatch>): void;
  started(input: { requestId: string; conversationId: string; providerName: string; model: string; estimate: EstimateView }): void;
  finished(request: FinishedRequest): void;
  drop(requestId: string): void;
}

function blank(requestId: string, conversationId: string | null): LiveAnswer {
  return {
    requestId,
    conversationId,
    text: '',
    reasoning: '',
    runningCostNanos: null,
    outputTokensSoFar: 0,
    providerName: null,
    model: null,
    estimate: null,
    finished: null,
  };
}

/** The ledger's terms for a request that just ended, so the chip snaps before the reread. */
export function metaOfFinished(request: FinishedRequest, providerName: string): RequestMeta {
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
    ttftMs: request.ttftMs,
    durationMs: request.durationMs,
    cancelReason: request.cancelReason,
    error: request.error,
  };
}

/**
 * Streaming answers keyed by request id. Deltas can arrive before chatSend's reply names the
 * request, so an entry is created by whichever comes first.
 */
export const useLiveAnswers = create<LiveAnswersState>((set) => ({
  answers: {},

  applyDeltas: (batches) =>
    set((state) => {
      const answers = { ...state.answers };
      for (const [requestId, batch] of batches) {
        const current = answers[requestId] ?? blank(requestId, batch.conversationId);
        answers[requestId] = {
          ...current,
          text: current.text + batch.text,
          reasoning: current.reasoning + batch.reasoning,
          runningCostNanos: batch.runningCostNanos,
          outputTokensSoFar: batch.outputTokensSoFar,
        };
      }
      return { answers };
    }),

  started: ({ requestId, conversationId, providerName, model, estimate }) =>
    set((state) => {
      const current = state.answers[requestId] ?? blank(requestId, conversationId);
      return { answers: { ...state.answers, [requestId]: { ...current, conversationId, providerName, model, estimate } } };
    }),

  finished: (request) =>
    set((state) => {
      const current = state.answers[request.requestId] ?? blank(request.requestId, request.conversationId);
      const finished = metaOfFinished(request, current.providerName ?? request.providerId);
      return {
        answers: {
          ...state.answers,
          [request.requestId]: { ...current, text: request.text, reasoning: request.reasoningText, finished },
        },
      };
    }),

  drop: (requestId) =>
    set((state) => {
      if (!(requestId in state.answers)) return state;
      const { [requestId]: _dropped, ...rest } = state.answers;
      return { answers: rest };
    }),
}));

/** The answer streaming in a conversation, if any (at most one: Send becomes Stop meanwhile). */
export function liveAnswerIn(answers: Readonly<Record<string, LiveAnswer>>, conversationId: string | null): LiveAnswer | undefined {
  if (conversationId === null) return undefined;
  for (const answer of Object.values(answers)) if (answer.conversationId === conversationId) return answer;
  return undefined;
}
