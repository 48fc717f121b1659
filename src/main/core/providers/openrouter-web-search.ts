import type { ChatCallRequest, ProviderUsage } from './provider-types';
import type { ExtrasReader } from './openai-chat-dialects';
import { firstObject, objectAt } from './json-guards';
import { SourceList } from './source-list';
import { urlCitationsIn } from './url-citations';

/** OpenRouter's web plugin, bounded by its `max_results` (the unit it bills: USD 4 per 1,000 results). */
export function openRouterWebSearchFields(webSearch: ChatCallRequest['webSearch']): Record<string, unknown> {
  return webSearch ? { plugins: [{ id: 'web', max_results: webSearch.maxSearches }] } : {};
}

/**
 * OpenRouter hands every model's web results back as OpenAI's `url_citation` annotations, on the
 * streamed delta or the whole message. Its usage carries no count of the results it billed, so
 * the count is the number of distinct results cited: one per source the answer was given.
 */
export function openRouterAnnotationsReader(): ExtrasReader {
  const citations = new SourceList();
  return {
    read(sink, body) {
      const choice = firstObject(body.choices);
      const message = choice && (objectAt(choice, 'delta') ?? objectAt(choice, 'message'));
      if (message && citations.addAll(urlCitationsIn(message.annotations))) sink.citations(citations.list());
    },
    withCounts(usage: ProviderUsage): ProviderUsage {
      return usage.webSearches === undefined && citations.size > 0 ? { ...usage, webSearches: citations.size } : usage;
    },
  };
}
