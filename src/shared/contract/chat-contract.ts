import { z } from 'zod';
import type { AnswerSource } from '../answer-source';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type AttachmentEstimateView,
  type AttachmentView,
  type StagedAttachmentView,
} from '../attachments';
import type { CancelReason, RequestStatus } from '../request-status';
import type { CapView } from './budget-contract';
import { reasoningChoiceSchema, type ReasoningControl } from '../reasoning';
import { SYSTEM_PROMPT_MAX_CHARS } from '../system-prompt';
import { method } from './define-method';

export type { CapView } from './budget-contract';

const id = z.string().min(1).max(200);
/** A generous bound: a pasted document, not an unbounded payload. The composer refuses more before sending. */
export const MAX_MESSAGE_CHARS = 2_000_000;
const messageText = z.string().min(1).max(MAX_MESSAGE_CHARS);

export interface ProviderChoice {
  id: string;
  name: string;
  kind: string;
  models: string[];
  /** The thinking control each model takes, by model name. */
  reasoning: Record<string, ReasoningControl>;
}

export interface ConversationView {
  id: string;
  title: string;
  providerId: string | null;
  model: string | null;
  /** Its own system prompt; null: the Settings default applies; '' sends none. */
  systemPrompt: string | null;
  /** The composer's web search toggle as this conversation last used it. */
  webSearch: boolean;
  updatedAt: number;
  /** Nano-dollars over the conversation's priced requests. */
  totalCostNanos: number;
  /**
   * What prompt caching saved over its requests; null when none reported cached input. Only the
   * open thread (conversationGet) carries it: the list does not read every conversation's rows.
   */
  cacheSavedNanos?: number | null;
  requests: number;
  unpricedRequests: number;
}

/** What the ledger says about the request behind an assistant message. */
/** A per-call fee one request paid (a request fee, web searches), as the message chip names it. */
export interface CallFeeView {
  kind: 'request' | 'webSearch';
  calls: number;
  feeNanos: number;
}

export interface RequestMeta {
  requestId: string;
  status: RequestStatus;
  providerId: string;
  providerName: string;
  model: string;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  usageSource: 'provider' | 'estimated' | null;
  costNanos: number | null;
  /** The provider's own figure for the request (OpenRouter usage.cost, xAI ticks, Perplexity), when it sent one. */
  providerCostNanos: number | null;
  /** What prompt caching saved, from the row's frozen prices; null when no cached tokens were reported or unpriced. */
  cacheSavedNanos: number | null;
  /** The per-call fees inside costNanos; empty when the request paid none. */
  fees: CallFeeView[];
  ttftMs: number | null;
  durationMs: number | null;
  cancelReason: CancelReason | null;
  error: string | null;
}

export interface MessageView {
  id: string;
  role: 'system' | 'user' | 'assistant';
  content: string;
  reasoningText: string | null;
  /** What the answer cited, numbered from 1 in this order; empty when none. */
  sources: AnswerSource[];
  /** The files sent with a user message, in order; empty for answers. */
  attachments: AttachmentView[];
  status: 'complete' | 'partial' | 'failed';
  createdAt: number;
  request: RequestMeta | null;
}

export interface CapCheck extends CapView {
  /** Spent + reserved + this request's estimate. */
  afterNanos: number;
  wouldWarn: boolean;
  wouldExceed: boolean;
}

export interface EstimateView {
  inputTokens: number;
  /** True when counted with the model's own tokenizer. */
  exact: boolean;
  expectedOutputTokens: number;
  /** The thinking budget included in expectedOutputTokens (0 without one). */
  thinkingBudgetTokens: number;
  /** Null when the model's price is unknown. */
  costNanos: number | null;
  /** The staged files of this message, each estimated for the chosen model; their tokens are in inputTokens. */
  attachments: AttachmentEstimateView[];
  /**
   * With web search on: the most searches the request lets the provider run and their fee at that
   * count (in costNanos); feeNanos null when the per-search price is unknown.
   */
  webSearch: { maxSearches: number; feeNanos: number | null } | null;
  /**
   * Why this model cannot take the request's files or web search (a kind it does not take, a
   * vendor limit passed, no web search): Send is refused until it is resolved; null when none.
   */
  blocked: string | null;
  caps: CapCheck[];
  /** The message a refusal would carry, when a hard cap would be passed. */
  refusal: string | null;
}

/** The formats a conversation exports to (src/main/core/conversations/conversation-export.ts). */
export const CONVERSATION_EXPORT_FORMATS = ['md', 'json'] as const;
export type ConversationExportFormat = (typeof CONVERSATION_EXPORT_FORMATS)[number];

export interface ConversationExportView {
  fileName: string;
  text: string;
}

export type ConversationExportSaved = { status: 'saved'; file: string } | { status: 'cancelled' };

export interface SendView {
  requestId: string;
  conversationId: string;
  userMessageId: string;
  estimate: EstimateView;
}

/** Base64 of a file at MAX_ATTACHMENT_BYTES, the largest a file may be. */
const MAX_ATTACHMENT_BASE64_CHARS = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4;

const target = {
  conversationId: id.optional(),
  /** Staged files (attachmentStage) sent with this message. */
  attachmentIds: z.array(id).max(MAX_ATTACHMENTS_PER_MESSAGE).optional(),
  /** Let the provider search the web for this message (remembered for the conversation). */
  webSearch: z.boolean().optional(),
  providerId: id,
  model: z.string().min(1).max(300),
  maxOutputTokens: z.number().int().positive().max(10_000_000).optional(),
  reasoning: reasoningChoiceSchema.optional(),
};

export const chatContract = {
  chatProviders: method<ProviderChoice[]>()(z.object({}).strict()),
  conversationsList: method<ConversationView[]>()(z.object({ search: z.string().max(500).optional() }).strict()),
  conversationGet: method<{ conversation: ConversationView; messages: MessageView[] }>()(z.object({ id }).strict()),
  conversationRename: method<ConversationView>()(z.object({ id, title: z.string().trim().min(1).max(300) }).strict()),
  conversationDelete: method<{ deleted: boolean }>()(z.object({ id }).strict()),
  /** Null goes back to the Settings default; '' sends none. */
  /** Browser mode: the text comes to the page, which downloads it. */
  conversationExport: method<ConversationExportView>()(z.object({ id, format: z.enum(CONVERSATION_EXPORT_FORMATS) }).strict()),
  /** Desktop: the host's save dialog asks where, the core writes the file. */
  conversationExportSave: method<ConversationExportSaved>()(z.object({ id, format: z.enum(CONVERSATION_EXPORT_FORMATS) }).strict()),
  conversationSystemPromptSet: method<ConversationView>()(z.object({ id, text: z.string().max(SYSTEM_PROMPT_MAX_CHARS).nullable() }).strict()),
  /** Pre-flight without sending: what the composer shows before Send. */
  chatEstimate: method<EstimateView>()(z.object({ ...target, text: z.string().max(MAX_MESSAGE_CHARS) }).strict()),
  chatSend: method<SendView>()(
    z
      .object({
        ...target,
        /** Minted by the window before sending, so the answer's events can arrive before this call's reply. */
        requestId: z.string().uuid().optional(),
        text: messageText,
        allowOverCap: z.boolean().optional(),
        /** Regenerate / edit-and-resend: messages from this one on are replaced. */
        replaceFromMessageId: id.optional(),
      })
      .strict(),
  ),
  /**
   * A file picked, pasted or dropped in the composer, handed to the core before Send: it checks what
   * the file is (by its bytes, not its name) and holds it until it is sent or discarded.
   */
  attachmentStage: method<StagedAttachmentView>()(
    z
      .object({
        name: z.string().trim().min(1).max(255),
        dataBase64: z.string().min(1).max(MAX_ATTACHMENT_BASE64_CHARS),
      })
      .strict(),
  ),
  /** A staged file removed from the composer before sending. */
  attachmentDiscard: method<{ discarded: boolean }>()(z.object({ id }).strict()),
  /** The composer's web search toggle, flipped in an open conversation. */
  conversationWebSearchSet: method<ConversationView>()(z.object({ id, on: z.boolean() }).strict()),
  chatCancel: method<{ cancelled: boolean }>()(z.object({ requestId: id }).strict()),
};
