import { z } from 'zod';

export const fakeProtocols = ['openai', 'openai-responses', 'anthropic', 'gemini', 'ollama'] as const;
export type FakeProtocol = (typeof fakeProtocols)[number];

/** Usage in our normalized terms; each wire format renders it in the vendor's own fields. */
const usageSchema = z.object({
  input: z.number().int().nonnegative(),
  output: z.number().int().nonnegative(),
  cachedInput: z.number().int().nonnegative().optional(),
  cacheWrite: z.number().int().nonnegative().optional(),
  /** Anthropic: the part of cacheWrite with a 1-hour lifetime (the rest is 5-minute). */
  cacheWrite1h: z.number().int().nonnegative().optional(),
  reasoning: z.number().int().nonnegative().optional(),
  /** OpenRouter's `usage.cost` and Perplexity's `usage.cost.total_cost`, in USD. */
  costUsd: z.number().nonnegative().optional(),
  /** xAI's `usage.cost_in_usd_ticks` (10^10 ticks = 1 USD). */
  costTicks: z.number().int().nonnegative().optional(),
  /** Perplexity's `search_context_size` (default "low") and `num_search_queries` (default 1). */
  searchContext: z.enum(['low', 'medium', 'high']).optional(),
  searches: z.number().int().nonnegative().optional(),
});
export type FakeUsage = z.infer<typeof usageSchema>;

const faultSchema = z.discriminatedUnion('kind', [
  /** An HTTP error in the vendor's error format; `message` replaces the vendor's usual text. */
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(400).max(599),
    message: z.string().optional(),
    retryAfter: z.string().optional(),
  }),
  /** The connection is dropped after this many body bytes. */
  z.object({ kind: z.literal('disconnect'), afterBytes: z.number().int().nonnegative() }),
  /** The server goes silent after this many body bytes, keeping the connection open. */
  z.object({ kind: z.literal('stall'), afterBytes: z.number().int().nonnegative() }),
  /** The server reads the request and never answers, not even headers. */
  z.object({ kind: z.literal('no-headers') }),
  /** An event whose JSON is cut, right after the first text delta. */
  z.object({ kind: z.literal('malformed-event') }),
  /** The vendor's own mid-stream error event after the first text delta, then the end. */
  z.object({ kind: z.literal('mid-stream-error') }),
  /** A 200 answer that is an HTML page (a captive portal, a wrong base URL). */
  z.object({ kind: z.literal('html-page') }),
  /**
   * A 400 naming stream_options when the request carries it; such a request leaves the
   * scenario queued, so the retry without the field is answered by it.
   */
  z.object({ kind: z.literal('reject-stream-options') }),
]);
export type Fault = z.infer<typeof faultSchema>;

export const scenarioSchema = z.object({
  /** Only a request of this protocol takes the scenario (default: any). */
  protocol: z.enum(fakeProtocols).optional(),
  /** Chat calls take 'chat' scenarios (the default); model listings take 'models' ones. */
  endpoint: z.enum(['chat', 'models']).optional(),
  /** How many requests this scenario answers before it leaves the queue (default 1). */
  times: z.number().int().positive().optional(),
  /** The answer (default: derived from the last user message). */
  text: z.string().optional(),
  reasoning: z.string().optional(),
  /** Characters per delta event (default 8). */
  deltaChars: z.number().int().positive().optional(),
  /** null: the stream reports no usage at all (default: derived from the request). */
  usage: usageSchema.nullable().optional(),
  /** Reports sent before the final usage, which must win over them. */
  interimUsage: z.array(usageSchema).optional(),
  /**
   * The vendor's own finish reason value (default: its "natural stop"). Responses API: an
   * `incomplete_details.reason` ('max_output_tokens', 'content_filter'), or 'failed'.
   */
  finishReason: z.string().optional(),
  /** Which OpenAI-compatible server to imitate (default 'openai'). */
  flavor: z.enum(['openai', 'openrouter', 'deepseek', 'xai', 'mistral', 'perplexity']).optional(),
  /** Perplexity: the search results sent beside the answer. */
  citations: z.array(z.object({ url: z.string(), title: z.string().optional(), date: z.string().optional() })).optional(),
  /** OpenAI style: close after the last chunk without `data: [DONE]`. */
  omitDone: z.boolean().optional(),
  /** Write the body in pieces of 1..maxBytes bytes at seeded random boundaries. */
  split: z.object({ seed: z.number().int(), maxBytes: z.number().int().positive().optional() }).optional(),
  /** Pause between written pieces (per event when not split). */
  delayMs: z.number().int().nonnegative().optional(),
  /** Answer 401 (in the vendor's format) unless the request presents this key. */
  expectApiKey: z.string().optional(),
  /** For 'models' scenarios: the ids to list. */
  models: z.array(z.string()).optional(),
  fault: faultSchema.optional(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export interface RecordedRequest {
  method: string;
  /** Path with query string. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON when the body was JSON, else the raw text; undefined when empty. */
  body: unknown;
}
