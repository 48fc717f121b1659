import type { AttachmentEstimateView } from '../../../shared/attachments';
import type { FinishedRequest } from '../../../shared/contract/events';
import type { Nanodollars } from '../../../shared/money';
import type { CapStatus } from '../budgets/cap-status';
import type { ModelSettings } from '../provider-config/provider-store';
import type { ReasoningChoice } from '../../../shared/reasoning';
import type { ProviderEndpoint, ProviderKind, WireApi } from '../providers/provider-types';

/** A provider ready to call: its endpoint carries the key, which never leaves the main process. */
export interface ResolvedProvider {
  id: string;
  kind: ProviderKind;
  name: string;
  endpoint: ProviderEndpoint;
  modelSettings: Record<string, ModelSettings>;
}

export interface SendInput {
  /** The caller's own id for the request (the window mints it); omitted: the core mints one. */
  requestId?: string;
  /** Omitted: a new conversation is created (only if the request passes pre-flight). */
  conversationId?: string;
  providerId: string;
  model: string;
  text: string;
  /** Staged files (AttachmentStaging) sent with this message, in order. */
  attachmentIds?: readonly string[];
  /** Let the provider search the web (remembered for the conversation); omitted: the conversation's setting. */
  webSearch?: boolean;
  /**
   * This conversation's system prompt from now on (kept with it; '' sends none). Omitted: the
   * conversation's own, else the Settings default.
   */
  systemPrompt?: string;
  maxOutputTokens?: number;
  temperature?: number;
  /** An effort or a thinking budget, for a model that takes it (provider-config/reasoning-support.ts). */
  reasoning?: ReasoningChoice;
  /** OpenAI's API for this one request; omitted, the model's setting or its default decides. */
  api?: WireApi;
  stream?: boolean;
  /** Lets this one request past a hard cap (the user said so). */
  allowOverCap?: boolean;
  /** Regenerate / edit-and-resend: the conversation's messages from this one on are replaced. */
  replaceFromMessageId?: string;
}

export interface PreflightEstimate {
  inputTokens: number;
  /** True when counted with the model's own tokenizer (OpenAI families). */
  exact: boolean;
  /** The answer's room plus the thinking budget, when one was asked for. */
  expectedOutputTokens: number;
  /** The part of expectedOutputTokens that is the thinking budget (0 without one). */
  thinkingBudgetTokens: number;
  /** Null when the model's price is unknown. */
  cost: Nanodollars | null;
  /** The new message's staged files, each estimated for this model (their tokens are in inputTokens). */
  attachments: AttachmentEstimateView[];
  /** With web search on: the most searches the request allows, and their fee (in cost); null fee: price unknown. */
  webSearch: { maxSearches: number; fee: Nanodollars | null } | null;
  /** Why the request cannot be sent as it is (its files, or web search on this provider); null when it can. */
  blocked: string | null;
}

export interface SendStarted {
  requestId: string;
  conversationId: string;
  userMessageId: string;
  estimate: PreflightEstimate;
  /** Every cap that applied, as pre-flight read it (before this request's reservation). */
  caps: CapStatus[];
  warnings: CapStatus[];
  /** Resolves when the ledger row is final; never rejects. */
  done: Promise<FinishedRequest>;
}

/**
 * Without a max_tokens of the request or the model's settings, pre-flight reserves room for
 * this many output tokens: a long chat answer. It is a reservation, not a charge: the row is
 * finalized at what was really used.
 */
export const DEFAULT_EXPECTED_OUTPUT_TOKENS = 1024;
