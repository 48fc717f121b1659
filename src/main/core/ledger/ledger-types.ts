import type { Nanodollars, NanodollarsPerMTok } from '../../../shared/money';
import type { TokenUsage, UsageSource } from '../../../shared/usage';
import type { CancelReason } from '../../../shared/request-status';
import type { RequestStatus } from '../db/schema';
import type { FinishReason } from '../providers/provider-types';

export type FinalStatus = Extract<RequestStatus, 'completed' | 'cancelled' | 'failed' | 'interrupted'>;
export { OPEN_STATUSES } from '../../../shared/request-status';

/** The unit prices a row was charged at, frozen on it, and where they came from. */
export interface ChargedPrices {
  input: NanodollarsPerMTok;
  output: NanodollarsPerMTok;
  cacheRead?: NanodollarsPerMTok;
  cacheWrite?: NanodollarsPerMTok;
  /** "genai-prices@0.1.8", "genai-prices-data@<date>", "override:<id>", "local" */
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
  reasoningTokens: number | null;
  usageSource: UsageSource | null;
  rawUsageJson: string | null;
  providerCostUsdNanos: Nanodollars | null;
  priceInputUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceOutputUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceCacheReadUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceCacheWriteUsdNanosPerMTok: NanodollarsPerMTok | null;
  priceSource: string | null;
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
