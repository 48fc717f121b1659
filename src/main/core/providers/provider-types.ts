import type { AnswerSource } from '../../../shared/answer-source';
import type { Nanodollars } from '../../../shared/money';
import type { ReasoningChoice } from '../../../shared/reasoning';
import type { SearchContextSize, TokenUsage } from '../../../shared/usage';
import type { ProviderError } from './provider-error';

export type ProviderKind =
  | 'openai'
  | 'anthropic'
  | 'gemini'
  | 'openrouter'
  | 'xai'
  | 'mistral'
  | 'perplexity'
  | 'ollama'
  | 'openai-compatible';

/** OpenAI's two APIs: Chat Completions and Responses (the only way to o3-pro, gpt-5-pro, codex). */
export type WireApi = 'chat' | 'responses';

export interface ProviderEndpoint {
  kind: ProviderKind;
  /** "OpenAI", "My vLLM": the name every error message uses. */
  displayName: string;
  /**
   * OpenAI-style kinds end where `/chat/completions` goes ("https://api.openai.com/v1",
   * "https://api.perplexity.ai"); the others leave out the version.
   */
  baseUrl: string;
  apiKey?: string;
  extraHeaders?: Record<string, string>;
}

/**
 * A file sent with a user message, ready for the wire: images and PDFs as base64 (already
 * downscaled to what the vendor takes), text files as their text. Each adapter puts them in its
 * vendor's own content parts, after the message's text.
 */
export type WireAttachment =
  | { kind: 'image'; name: string; mime: 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif'; base64: string }
  | { kind: 'pdf'; name: string; mime: 'application/pdf'; base64: string }
  | { kind: 'text'; name: string; text: string };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** User messages only: the files sent with it (re-sent with every later turn, as the text is). */
  attachments?: readonly WireAttachment[];
  /** The prompt up to and including this message is stable: cache it where the vendor can (Anthropic). */
  cacheBreakpoint?: boolean;
}

export interface ChatCallRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  maxOutputTokens?: number;
  temperature?: number;
  /** For OpenAI, OpenRouter and OpenAI-compatible endpoints (default 'chat'); other kinds have one API. */
  api?: WireApi;
  /** The thinking the user asked for, already checked against what the model takes. */
  reasoning?: ReasoningChoice;
  /**
   * Let the provider search the web, at most this many times (the adapter sends the vendor's own
   * bound where it has one: Anthropic's max_uses, the Responses API's max_tool_calls, OpenRouter's
   * max_results); pre-flight prices that many searches as the worst case.
   */
  webSearch?: { maxSearches: number };
}

/**
 * One provider usage report, normalized as DESIGN.md "Tokens, normalized" says. Every count is
 * undefined when the vendor did not report it (never a made-up 0); `raw` keeps what it sent.
 */
export interface ProviderUsage extends Partial<TokenUsage> {
  /** The provider's own price for the call (OpenRouter `usage.cost`), beside ours. */
  providerCostNanos?: Nanodollars;
  /**
   * The billed web-search units the provider reports for the call: Perplexity's
   * `num_search_queries`, Anthropic's `server_tool_use.web_search_requests`, the Responses API's
   * web_search_call items, Gemini's grounded prompt or queries, OpenRouter's results, xAI's sources.
   */
  webSearches?: number;
  /** The search context the request used (Perplexity's `search_context_size`), which its request fee depends on. */
  searchContextSize?: SearchContextSize;
  /** The vendor's id of the answer this usage belongs to (OpenRouter's generation id), to ask later what it billed. */
  generationId?: string;
  raw: unknown;
}

/**
 * Finish reasons are normalized so the orchestrator needs no vendor knowledge:
 * 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'other'.
 */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'other';

export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  /** Every usage report as it arrives, merged with the earlier ones of the same call. */
  | { type: 'usage'; usage: ProviderUsage }
  /** The sources the answer cites, whole each time: a later report replaces an earlier one. */
  | { type: 'citations'; citations: AnswerSource[] }
  | TerminalPart;

/** Exactly one of these ends every call. */
export type TerminalPart =
  /** The stream ended properly; usage is the last report (undefined when none came). */
  | { type: 'finish'; finishReason: FinishReason; usage?: ProviderUsage }
  /** A failure, truncation included; usage is whatever was reported before it. */
  | { type: 'error'; error: ProviderError; usage?: ProviderUsage }
  /** The caller's AbortSignal fired. */
  | { type: 'aborted'; usage?: ProviderUsage };

export interface EndpointQuirks {
  rejectsStreamOptions(baseUrl: string): boolean;
  markRejectsStreamOptions(baseUrl: string): void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Until response headers arrive. Default 30 000. */
  connectTimeoutMs?: number;
  /** Between two received chunks of the body. Default 60 000. */
  idleTimeoutMs?: number;
  /** Retries of 429, 5xx and connection failures before the first body byte. Default 2. */
  maxRetries?: number;
  /** Backoff base; attempt n waits about base × 2^n, with jitter. Default 500. */
  retryBaseDelayMs?: number;
  /** The longest wait before a retry, a server's Retry-After included. Default 60 000. */
  maxRetryDelayMs?: number;
  quirks?: EndpointQuirks;
  fetch?: typeof fetch;
}
