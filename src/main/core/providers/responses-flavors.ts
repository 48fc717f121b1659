import { convertOpenAiResponsesUsage } from './convert-openai-responses-usage';
import { convertXaiResponsesUsage } from './convert-xai-usage';
import type { JsonObject } from './json-guards';
import { openRouterWebSearchFields } from './openrouter-web-search';
import type { ChatCallRequest, ProviderKind, ProviderUsage } from './provider-types';
import type { ResponsesSearchTally } from './responses-web-search';

/** What the vendors speaking the Responses API do their own way. */
export interface ResponsesFlavor {
  convertUsage(usage: JsonObject): ProviderUsage;
  /** The request's fields that let the model search the web, at most `maxSearches` times where the vendor takes a bound. */
  webSearchFields(webSearch: NonNullable<ChatCallRequest['webSearch']>): Record<string, unknown>;
  /** The billed searches when the usage does not report them. */
  searchesOf(tally: ResponsesSearchTally, response: JsonObject | undefined): number | undefined;
}

/** OpenAI: the `web_search` tool, `max_tool_calls` bounding its calls, each call billed. */
const OPENAI: ResponsesFlavor = {
  convertUsage: convertOpenAiResponsesUsage,
  webSearchFields: (webSearch) => ({ tools: [{ type: 'web_search' }], max_tool_calls: webSearch.maxSearches }),
  searchesOf: (tally, response) => tally.searchCalls(response),
};

/**
 * xAI's Agent Tools: the same `web_search` tool on its Responses API (docs.x.ai, tools/overview).
 * Its usage counts the successful, billed calls (`server_side_tool_usage_details.web_search_calls`);
 * its docs name no bound on the calls, so none is sent and pre-flight's worst case is the caller's.
 */
const XAI: ResponsesFlavor = {
  convertUsage: convertXaiResponsesUsage,
  webSearchFields: () => ({ tools: [{ type: 'web_search' }] }),
  searchesOf: (tally, response) => tally.searchCalls(response),
};

/** OpenRouter's Responses API takes its web plugin too, billed per result handed back. */
const OPENROUTER: ResponsesFlavor = {
  convertUsage: convertOpenAiResponsesUsage,
  webSearchFields: openRouterWebSearchFields,
  searchesOf: (tally) => tally.citedResults(),
};

export function responsesFlavorFor(kind: ProviderKind): ResponsesFlavor {
  switch (kind) {
    case 'xai':
      return XAI;
    case 'openrouter':
      return OPENROUTER;
    default:
      return OPENAI;
  }
}
