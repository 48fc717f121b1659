import type { Citation } from '../citation';
import type { TokenUsage, UsageSource } from '../usage';

/** Outcome of one provider call as the ledger recorded it. */
export type RequestOutcome = 'completed' | 'cancelled' | 'failed' | 'interrupted';

/** Money crosses the boundary as integer nano-dollars (a number); the renderer only formats it. */
export interface FinishedRequest {
  requestId: string;
  conversationId: string | null;
  assistantMessageId: string | null;
  status: RequestOutcome;
  text: string;
  reasoningText: string;
  usage: TokenUsage;
  usageSource: UsageSource;
  /** Nano-dollars; null when the model's price is unknown. */
  costNanos: number | null;
  providerId: string;
  model: string;
  ttftMs: number | null;
  durationMs: number;
  cancelReason: 'user' | 'budget' | 'shutdown' | null;
  error: string | null;
  errorCode: string | null;
  /** The sources the provider cited (Perplexity), present when it sent any; the ledger does not keep them. */
  citations?: Citation[];
}

/**
 * Events flow main → renderer on one channel. Streaming deltas are keyed by request id so any
 * number of concurrent answers share it; each delta event carries what arrived in the last
 * ~16 ms, never one event per token.
 */
export type TallychatEvent =
  | { type: 'app.notice'; level: 'info' | 'warning' | 'error'; message: string }
  | {
      type: 'chat.delta';
      requestId: string;
      conversationId: string | null;
      text: string;
      reasoning: string;
      /** Running estimate so far (prompt + output received), nano-dollars; null if unpriced. */
      runningCostNanos: number | null;
      outputTokensSoFar: number;
    }
  | { type: 'chat.finished'; request: FinishedRequest }
  | {
      type: 'budget.alert';
      kind: 'warning' | 'reached';
      label: string;
      month: string;
      spentNanos: number;
      capNanos: number;
      percentUsed: number;
    }
  | { type: 'price.unknown'; providerId: string; model: string; message: string };

export const EVENT_CHANNEL = 'tallychat:event';
