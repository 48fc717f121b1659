import type { Answer } from './answer';
import type { FakeUsage } from './scenario';

/**
 * What xAI, Mistral, Perplexity and OpenRouter put on the wire their own way: xAI's chat usage
 * leaves reasoning out of completion_tokens and adds its cost in ticks, and its Responses usage
 * counts its search calls; Mistral's reasoning models send content as typed parts; Perplexity
 * adds its sources to every chunk; OpenRouter returns web results as annotations.
 */

/** Mistral and Perplexity report usage without being asked, on the finish chunk. */
export function reportsUsageUnasked(answer: Answer): boolean {
  return answer.flavor === 'mistral' || answer.flavor === 'perplexity';
}

/** Mistral's thinking models send every piece as typed parts; its other models send strings. */
export function mistralTextDelta(answer: Answer, piece: string): object {
  return answer.reasoning === '' ? { content: piece } : { content: [{ type: 'text', text: piece }] };
}

export function mistralThinkingDelta(piece: string): object {
  return { content: [{ type: 'thinking', thinking: [{ type: 'text', text: piece }] }] };
}

export function mistralWholeContent(answer: Answer): unknown {
  if (answer.reasoning === '') return answer.text;
  return [
    { type: 'thinking', thinking: [{ type: 'text', text: answer.reasoning }] },
    { type: 'text', text: answer.text },
  ];
}

/** Perplexity's `search_results` and the URL-only `citations` beside them. */
export function perplexitySources(answer: Answer): object {
  if (answer.flavor !== 'perplexity' || answer.citations.length === 0) return {};
  return {
    citations: answer.citations.map((c) => c.url),
    search_results: answer.citations.map((c) => ({ title: c.title ?? '', url: c.url, date: c.date ?? null })),
  };
}

export function xaiUsage(usage: FakeUsage): object {
  const reasoning = usage.reasoning ?? 0;
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output - reasoning,
    total_tokens: usage.input + usage.output,
    prompt_tokens_details: { text_tokens: usage.input, audio_tokens: 0, image_tokens: 0, cached_tokens: usage.cachedInput ?? 0 },
    completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    num_sources_used: 0,
    ...(usage.costTicks !== undefined ? { cost_in_usd_ticks: usage.costTicks } : {}),
  };
}

export function perplexityUsage(usage: FakeUsage): object {
  return {
    prompt_tokens: usage.input,
    completion_tokens: usage.output,
    total_tokens: usage.input + usage.output,
    search_context_size: usage.searchContext ?? 'low',
    num_search_queries: usage.searches ?? 1,
    ...(usage.costUsd !== undefined ? { cost: { request_cost: REQUEST_COST[usage.searchContext ?? 'low'], total_cost: usage.costUsd } } : {}),
  };
}

/** sonar's request fee by search context size, USD, as Perplexity's usage.cost.request_cost says it. */
const REQUEST_COST = { low: 0.005, medium: 0.008, high: 0.012 } as const;

/** OpenRouter's web results, as OpenAI's chat annotations (`url_citation` nested, with the snippet it adds). */
export function openRouterAnnotations(answer: Answer): object {
  if (answer.flavor !== 'openrouter' || answer.citations.length === 0) return {};
  const end = answer.text.length;
  return {
    annotations: answer.citations.map((c) => ({
      type: 'url_citation',
      url_citation: { url: c.url, title: c.title ?? '', content: `Snippet of ${c.url}`, start_index: 0, end_index: end },
    })),
  };
}

/** What xAI adds to the Responses usage: its charge in ticks and its server-side tools' billed calls. */
export function xaiResponsesUsageExtras(usage: FakeUsage): object {
  const searches = usage.searches ?? 0;
  return {
    num_sources_used: 0,
    num_server_side_tools_used: searches,
    ...(usage.costTicks !== undefined ? { cost_in_usd_ticks: usage.costTicks } : {}),
    server_side_tool_usage_details: {
      web_search_calls: searches,
      x_search_calls: 0,
      code_interpreter_calls: 0,
      file_search_calls: 0,
      mcp_calls: 0,
      document_search_calls: 0,
    },
  };
}

/** xAI's `citations`: every source its searches read, on the finished response. */
export function xaiResponsesExtras(answer: Answer): object {
  return { citations: answer.citations.map((c) => c.url) };
}
