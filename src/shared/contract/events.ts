import type { AnswerSource } from '../answer-source';
import type { CancelReason } from '../request-status';
import type { SyncState } from './devices-contract';
import type { TokenUsage, UsageSource } from '../usage';
import type { CallFeeView, RequestMeta } from './chat-contract';

/** Outcome of one provider call as the ledger recorded it. */
export type RequestOutcome = 'completed' | 'cancelled' | 'failed' | 'interrupted';

/** Why a provider call failed, as the provider layer classified it. */
export const FAILURE_CODES = ['auth', 'forbidden', 'not_found', 'rate_limit', 'bad_request', 'server', 'network', 'timeout', 'protocol', 'truncated'] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

/** A failed call, typed across the boundary: the window can offer "try again" when `retryable`. */
export interface RequestFailure {
  code: FailureCode;
  message: string;
  retryable: boolean;
  /** The provider's HTTP status, when it answered with one. */
  status: number | null;
}

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
  /** The provider's own cost figure, when it reported one; null otherwise. */
  providerCostNanos: number | null;
  /** What prompt caching saved, at the prices this request was charged; null when unknown. */
  cacheSavedNanos: number | null;
  /** The per-call fees inside costNanos; empty when the request paid none. */
  fees: CallFeeView[];
  providerId: string;
  model: string;
  ttftMs: number | null;
  durationMs: number;
  cancelReason: CancelReason | null;
  failure: RequestFailure | null;
  /** The failure's message and code, flat: what the ledger row and the CLI's JSON carry. */
  error: string | null;
  errorCode: FailureCode | null;
  /** The sources the answer cited (Perplexity's), kept with its message; empty when none. */
  sources: AnswerSource[];
}

/**
 * A cap passed its warning threshold or was reached (once per cap and month), or a day's spend
 * went far above the usual (once per day). `title` and `body` are the notification's words, the
 * same in every host.
 */
export type SpendAlert = { title: string; body: string } & (
  | { kind: 'warning' | 'reached'; label: string; month: string; spentNanos: number; capNanos: number; percentUsed: number }
  | { kind: 'anomaly'; day: string; spentNanos: number; medianNanos: number }
);

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
  /** `meta` is the request as the thread shows it, so the window does not rebuild it from `request`. */
  | { type: 'chat.finished'; request: FinishedRequest; meta: RequestMeta }
  /** Something the user is notified of (desktop or browser notification); sent only while alerts are on. */
  | { type: 'spend.alert'; alert: SpendAlert }
  | { type: 'price.unknown'; providerId: string; model: string; message: string }
  /** The page's link to its host came back after a break: events may have been missed meanwhile. */
  | { type: 'host.reconnected' }
  /** A sync pass ended: `added` rows of other devices now count here; `state` is the folder's status. */
  | { type: 'devices.synced'; state: SyncState; added: number };

export const EVENT_CHANNEL = 'tallychat:event';
