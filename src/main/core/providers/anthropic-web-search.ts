import { isObject, objectAt, stringAt, type JsonObject } from './json-guards';
import type { PartSink } from './part-sink';
import type { ChatCallRequest } from './provider-types';
import { SourceList } from './source-list';

/**
 * Anthropic's web search server tool. `max_uses` bounds the searches, each billed apart (the
 * count comes back as usage.server_tool_use.web_search_requests); once it is reached, a further
 * search's result is a `max_uses_exceeded` error and Claude answers with what it has.
 */
export function anthropicWebSearchTools(webSearch: ChatCallRequest['webSearch']): Record<string, unknown> {
  if (!webSearch) return {};
  return { tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: webSearch.maxSearches }] };
}

/**
 * Where Anthropic names a searched answer's sources: each search's results
 * (`web_search_tool_result` blocks listing web_search_result {url, title, page_age}) and the
 * citations on the text (web_search_result_location {url, title}, on a whole text block or
 * streamed one by one as `citations_delta`). A failed search's result holds an error object
 * instead of a list, and names nothing. Reads mark the list changed; `flush` hands it on.
 */
export class AnthropicSources {
  private readonly sources = new SourceList();
  private changed = false;

  constructor(private readonly sink: PartSink) {}

  /** A content block: whole in a non-streamed answer, or as content_block_start opens it. */
  readBlock(block: JsonObject): void {
    if (block.type === 'web_search_tool_result' && Array.isArray(block.content)) {
      for (const result of block.content) {
        if (isObject(result)) this.note(result, stringAt(result, 'page_age'));
      }
    } else if (block.type === 'text' && Array.isArray(block.citations)) {
      for (const citation of block.citations) {
        if (isObject(citation)) this.note(citation);
      }
    }
  }

  /** A streamed `citations_delta`. */
  readDelta(delta: JsonObject): void {
    const citation = objectAt(delta, 'citation');
    if (citation) this.note(citation);
  }

  flush(): void {
    if (!this.changed) return;
    this.changed = false;
    this.sink.citations(this.sources.list());
  }

  private note(source: JsonObject, date?: string): void {
    if (this.sources.add(stringAt(source, 'url'), stringAt(source, 'title'), date)) this.changed = true;
  }
}
