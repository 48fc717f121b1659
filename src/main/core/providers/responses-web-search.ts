import { isObject, stringAt, type JsonObject } from './json-guards';
import type { PartSink } from './part-sink';
import { SourceList } from './source-list';
import { urlCitationOf, urlCitationsIn } from './url-citations';

/**
 * One Responses call's web search: each `web_search_call` output item is one billed search
 * (OpenAI prices the tool per call), and the `url_citation` annotations on the answer's text
 * are its sources. Both come streamed (`response.output_item.done`,
 * `response.output_text.annotation.added`) and again in the final response's output, so each
 * item is counted once by its id (or its place in the output when it has none).
 */
export class ResponsesSearchTally {
  private readonly calls = new Set<string>();
  private readonly citations = new SourceList();

  outputItem(item: JsonObject | undefined, outputIndex: unknown): void {
    if (item?.type !== 'web_search_call') return;
    this.calls.add(stringAt(item, 'id') ?? `output ${String(outputIndex)}`);
  }

  annotation(sink: PartSink, annotation: unknown): void {
    if (this.citations.addSource(urlCitationOf(annotation))) sink.citations(this.citations.list());
  }

  /**
   * The final response: its output's search calls and cited sources, then xAI's `citations`,
   * the URLs of every source its searches read (sent whether or not the text cites them).
   */
  settle(sink: PartSink, response: JsonObject): void {
    const output = Array.isArray(response.output) ? response.output : [];
    output.forEach((item, index) => this.outputItem(isObject(item) ? item : undefined, index));
    const cited = output.flatMap((item) => annotationsOf(item));
    const listed = Array.isArray(response.citations) ? response.citations.map(listedSource) : [];
    if (this.citations.addAll([...cited, ...listed])) sink.citations(this.citations.list());
  }

  /**
   * The searches made: known (0 included) once the response says it offered the search tool,
   * or any call was seen; unknown otherwise.
   */
  searchCalls(response: JsonObject | undefined): number | undefined {
    if (this.calls.size > 0 || offersWebSearch(response)) return this.calls.size;
    return undefined;
  }

  /** Distinct sources cited: the count of a vendor that bills per result handed back (OpenRouter). */
  citedResults(): number | undefined {
    return this.citations.size > 0 ? this.citations.size : undefined;
  }
}

function annotationsOf(item: unknown) {
  if (!isObject(item) || item.type !== 'message' || !Array.isArray(item.content)) return [];
  return item.content.flatMap((part) => (isObject(part) && part.type === 'output_text' ? urlCitationsIn(part.annotations) : []));
}

function listedSource(url: unknown) {
  return typeof url === 'string' && url !== '' ? { url } : undefined;
}

/** A response echoes the tools it was given; `web_search` (or its `_preview` and dated names). */
function offersWebSearch(response: JsonObject | undefined): boolean {
  const tools = response?.tools;
  return Array.isArray(tools) && tools.some((tool) => isObject(tool) && typeof tool.type === 'string' && tool.type.startsWith('web_search'));
}
