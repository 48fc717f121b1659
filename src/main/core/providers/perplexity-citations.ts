import type { AnswerSource } from '../../../shared/answer-source';
import { isObject, stringAt, type JsonObject } from './json-guards';
import type { ExtrasReader } from './openai-chat-dialects';

/**
 * Perplexity sends its sources beside `choices`: `search_results` ({title, url, date}) and the
 * older `citations` (URLs only), on every streamed chunk. A reader, per call, hands them on once
 * and again only when the list changes. The [1], [2] in the answer count from 1 in this order.
 */
export function perplexityCitationsReader(): ExtrasReader {
  let shown = '';
  return {
    read(sink, body) {
      const citations = citationsOf(body);
      if (citations === undefined || citations.length === 0) return;
      const key = citations.map((c) => c.url).join('\n');
      if (key === shown) return;
      shown = key;
      sink.citations(citations);
    },
  };
}

function citationsOf(body: JsonObject): AnswerSource[] | undefined {
  if (Array.isArray(body.search_results) && body.search_results.length > 0) {
    return body.search_results.filter(isObject).flatMap((result) => {
      const url = stringAt(result, 'url');
      if (url === undefined) return [];
      const title = stringAt(result, 'title');
      const date = stringAt(result, 'date');
      return [{ url, ...(title ? { title } : {}), ...(date ? { date } : {}) }];
    });
  }
  if (Array.isArray(body.citations)) {
    return body.citations.filter((url): url is string => typeof url === 'string').map((url) => ({ url }));
  }
  return undefined;
}
