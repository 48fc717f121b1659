import type { AnswerSource } from '../../../shared/answer-source';
import type { Nanodollars, NanodollarsPerCall, NanodollarsPerMTok } from '../../../shared/money';
import type { TokenUsage, UsageSource } from '../../../shared/usage';
import type { CancelReason } from '../../../shared/request-status';
import type { RequestStatus } from '../db/schema';
import type { CallFees } from '../pricing/call-fees';
import type { FinishReason } from '../providers/provider-types';

export type FinalStatus = Extract<RequestStatus, 'completed' | 'cancelled' | 'failed' | 'interrupted'>;
export { OPEN_STATUSES } from '../../../shared/request-status';

/** The unit prices a row was charged at, frozen on it, and where they came from. */
export interface ChargedPrices {
  input: NanodollarsPerMTok;
  output: NanodollarsPerMTok;
  cacheRead?: NanodollarsPerMTok;
  cacheWrite?: NanodollarsPerMTok;
  /** Present on a row that reported 1-hour cache writes (Anthropic): the price they were charged at. */
  cacheWrite1h?: NanodollarsPerMTok;
  /** "genai-prices@0.1.8", "genai-prices-data@<date>", "override:<id>", "local" */
  source: string;
}

/** The per-call fees a row was charged, each with its count and price, and where the prices came from. */
export interface ChargedFees {
  fees: CallFees;
  source: string;
}

export interface OpenRequestInput {
  id: string;
  conversationId: string | null;
  userMessageId: string | null;
  providerId: string;
  providerKind: string;
  model: string;
  streamed: boolean;
  estimatedInputTokens: number;
  reservation: Nanodollars;
  startedAt: number;
  ownerPid: number;
}

export interface AssistantMessageInput {
  id: string;
  conversationId: string;
  content: string;
  reasoningText: string | null;
  /** Kept with the message; empty or absent when the answer cited none. */
  sources?: AnswerSource[];
  status: 'complete' | 'partial' | 'failed';
  createdAt: number;
}

export interface FinalizeInput {
  id: string;
  status: FinalStatus;
  usage: TokenUsage;
  usageSource: UsageSource;
  rawUsage?: unknown;
  providerCost?: Nanodollars;
  /** The vendor's id of the answer (OpenRouter's generation id). */
  responseId?: string;
  /** Undefined when no price is known: the cost is then NULL ("price unknown"), never 0. */
  prices?: ChargedPrices;
  /** Undefined when the row was charged no per-call fee. */
  fees?: ChargedFees;
  cost: Nanodollars | null;
  finishedAt: number;
  durationMs: number;
  ttftMs?: number;
  finishReason?: FinishReason;
  cancelReason?: CancelReason;
  error?: string;
  assistantMessage?: AssistantMessageInput;
}

/** A ledger row as read back (snake_case columns mapped to the names the code uses). */
export interface LedgerRow {
  id: string;
  conversationId: string | null;
  userMessageId: string | null;
  assistantMessageId: string | null;
  providerId: string;
  providerKind: string;
  model: string;
  status: RequestStatus;
  streamed: boolean;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  cacheWrite5mTokens: number | null;
  cacheWrite1hTokens: number | null;
  reasoningTokens: number | null;
  usageSource: UsageSource | null;
  rawUsageJson: string | null;
  providerCostUsdNanos: Nanodollars | null;
  priceInputUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceOutputUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceCacheReadUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceCacheWriteUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceCacheWrite1hUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceSource: string | null;
  requestCalls: number | null;
  priceRequestUsdNanosPerCall: NanodollarsPerCall | null;
  requestFeeUsdNanos: Nanodollars | null;
  webSearchCalls: number | null;
  priceWebSearchUsdNanosPerCall: NanodollarsPerCall | null;
  webSearchFeeUsdNanos: Nanodollars | null;
  callFeePriceSource: string | null;
  costUsdNanos: Nanodollars | null;
  billedCurrency: string;
  reservedUsdNanos: Nanodollars;
  estimatedInputTokens: number | null;
  partialText: string | null;
  partialReasoning: string | null;
  checkpointAt: number | null;
  startedAt: number;
  ttftMs: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  finishReason: FinishReason | null;
  cancelReason: CancelReason | null;
  error: string | null;
  ownerPid: number | null;
}
