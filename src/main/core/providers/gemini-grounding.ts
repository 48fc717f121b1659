import type { AnswerSource } from '../../../shared/answer-source';
import { isObject, objectAt, stringAt, type JsonObject } from './json-guards';
import type { ChatCallRequest } from './provider-types';
import { SourceList } from './source-list';

/**
 * Grounding with Google Search: the docs' `google_search` tool, in the camelCase the rest of our
 * body uses (the REST API reads both). Gemini takes no bound on the number of searches; the
 * model decides how many queries to run.
 */
export function geminiSearchTools(webSearch: ChatCallRequest['webSearch']): Record<string, unknown> {
  return webSearch ? { tools: [{ googleSearch: {} }] } : {};
}

/**
 * The search units Google bills for a grounded answer
 * (https://ai.google.dev/gemini-api/docs/google-search#pricing, and the per-model rows of
 * https://ai.google.dev/gemini-api/docs/pricing): Gemini 3 models are billed for each search
 * query the model ran, empty queries ignored when counting unique queries; Gemini 2.5 and older
 * are billed per grounded prompt, one however many queries it ran. A model whose generation
 * cannot be read from its name (an alias such as gemini-flash-latest) is taken to be billed as
 * the current models are, per query.
 */
export function billedGroundingSearches(model: string | undefined, queries: ReadonlySet<string>): number {
  if (geminiBillsGroundingPerPrompt(model)) return queries.size > 0 ? 1 : 0;
  return queries.size;
}

/** Gemini 2.5 and older bill a grounded prompt once; the rest (Gemini 3, and aliases) each query. */
export function geminiBillsGroundingPerPrompt(model: string | undefined): boolean {
  const generation = model === undefined ? undefined : /gemini-(\d+)/i.exec(model)?.[1];
  return generation !== undefined && Number(generation) < 3;
}

/**
 * What a call's `groundingMetadata` has said so far. Streamed chunks may each carry part of it
 * (or repeat it), so queries and sources are gathered across chunks: the queries as a set of
 * distinct non-empty texts, the sources (`groundingChunks[].web` {uri, title}) by URL.
 */
export class GeminiGrounding {
  private readonly queries = new Set<string>();
  private readonly sources = new SourceList();
  private grounded = false;

  /** Reads one groundingMetadata; says which of sources and billed searches changed. */
  read(metadata: JsonObject, model: string | undefined): { sources: boolean; searches: boolean } {
    const before = this.webSearches(model);
    this.grounded = true;
    if (Array.isArray(metadata.webSearchQueries)) {
      for (const query of metadata.webSearchQueries) {
        if (typeof query === 'string' && query.trim() !== '') this.queries.add(query.trim());
      }
    }
    let sources = false;
    if (Array.isArray(metadata.groundingChunks)) {
      for (const chunk of metadata.groundingChunks) {
        const web = isObject(chunk) ? objectAt(chunk, 'web') : undefined;
        if (web && this.sources.add(stringAt(web, 'uri'), stringAt(web, 'title'))) sources = true;
      }
    }
    return { sources, searches: this.webSearches(model) !== before };
  }

  /** Undefined until the answer is grounded: a call that never searched reports no count. */
  webSearches(model: string | undefined): number | undefined {
    return this.grounded ? billedGroundingSearches(model, this.queries) : undefined;
  }

  list(): AnswerSource[] {
    return this.sources.list();
  }
}
