import { create } from 'zustand';
import type { EstimateView, RequestMeta } from '../../../../shared/contract/chat-contract';
import type { AnswerSource } from '../../../../shared/answer-source';
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
  /** What the answer cited, from its end. */
  sources: AnswerSource[];
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
  /** Before chatSend: the answer will come under this client-minted id, whatever arrives first. */
  expect(input: { requestId: string; providerName: string; model: string }): void;
  /** chatSend's reply; an answer that already ended (and was settled) is not brought back. */
  started(input: { requestId: string; conversationId: string; estimate: EstimateView }): void;
  finished(request: FinishedRequest, meta: RequestMeta): void;
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
    sources: [],
  };
}

/**
 * Streaming answers keyed by the request id the window minted before sending: deltas and the
 * end can arrive before chatSend's reply, and find their entry all the same.
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
          conversationId: current.conversationId ?? batch.conversationId,
          text: current.text + batch.text,
          reasoning: current.reasoning + batch.reasoning,
          runningCostNanos: batch.runningCostNanos,
          outputTokensSoFar: batch.outputTokensSoFar,
        };
      }
      return { answers };
    }),

  expect: ({ requestId, providerName, model }) =>
    set((state) => ({ answers: { ...state.answers, [requestId]: { ...blank(requestId, null), providerName, model } } })),

  started: ({ requestId, conversationId, estimate }) =>
    set((state) => {
      const current = state.answers[requestId];
      if (!current) return state;
      return { answers: { ...state.answers, [requestId]: { ...current, conversationId, estimate } } };
    }),

  finished: (request, finished) =>
    set((state) => {
      const current = state.answers[request.requestId] ?? blank(request.requestId, request.conversationId);
      return {
        answers: {
          ...state.answers,
          [request.requestId]: { ...current, text: request.text, reasoning: request.reasoningText, finished, sources: request.sources },
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
