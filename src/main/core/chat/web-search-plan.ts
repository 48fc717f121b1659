import { geminiBillsGroundingPerPrompt } from '../providers/gemini-grounding';
import type { ProviderKind, WireApi } from '../providers/provider-types';
import { vendorKindAt } from '../providers/vendor-hosts';

/**
 * The most searches one message lets the provider run. Where the vendor takes a bound it is sent
 * (Anthropic's max_uses, the Responses API's max_tool_calls, OpenRouter's max_results), so the
 * pre-flight's worst case, this many searches at the per-search price, is a real ceiling.
 */
export const MAX_WEB_SEARCHES_PER_MESSAGE = 5;

export interface WebSearchPlan {
  /** Billed search units the request can cost at most, priced by pre-flight. */
  maxSearches: number;
  /** The API the search tool lives in, when the provider has two (OpenAI's and xAI's web_search are Responses API tools). */
  api?: WireApi;
}

interface SearchTarget {
  kind: ProviderKind;
  name: string;
  baseUrl: string;
}

/** Web search as one request will use it: its plan (null: none), or why this provider cannot (a refusal before Send). */
export type WebSearchDecision = { plan: WebSearchPlan | null; blocked: string | null };

/**
 * How a message is sent to this provider with web search `on`, or why it cannot be. Perplexity
 * searches on every request and bills it in its request fee, which pre-flight already prices: the
 * toggle changes nothing there.
 */
export function planWebSearch(on: boolean, target: SearchTarget, model: string): WebSearchDecision {
  if (!on) return { plan: null, blocked: null };
  const kind = target.kind === 'openai-compatible' ? (vendorKindAt(target.baseUrl) ?? target.kind) : target.kind;
  switch (kind) {
    case 'openai':
    case 'xai':
      return { plan: { maxSearches: MAX_WEB_SEARCHES_PER_MESSAGE, api: 'responses' }, blocked: null };
    case 'anthropic':
    case 'openrouter':
      return { plan: { maxSearches: MAX_WEB_SEARCHES_PER_MESSAGE }, blocked: null };
    case 'gemini':
      // Earlier models bill one grounded prompt, however many queries. Gemini 3 bills each query and
      // takes no bound on them: the worst case assumes the same ceiling as the others.
      return { plan: { maxSearches: geminiBillsGroundingPerPrompt(model) ? 1 : MAX_WEB_SEARCHES_PER_MESSAGE }, blocked: null };
    case 'perplexity':
      return { plan: null, blocked: null };
    case 'mistral':
    case 'ollama':
    case 'openai-compatible':
      return {
        plan: null,
        blocked: `${target.name} offers no web search that Tallychat can meter; turn Web search off to send, or choose OpenAI, Anthropic, Gemini, OpenRouter or xAI.`,
      };
  }
}
