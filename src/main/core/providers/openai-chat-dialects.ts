import { convertOpenAiUsage } from './convert-openai-usage';
import { convertPerplexityUsage } from './convert-perplexity-usage';
import { convertXaiUsage } from './convert-xai-usage';
import type { JsonObject } from './json-guards';
import type { PartSink } from './part-sink';
import { openRouterAnnotationsReader } from './openrouter-web-search';
import { perplexityCitationsReader } from './perplexity-citations';
import type { ProviderKind, ProviderUsage } from './provider-types';

/** One call's reader of what a vendor sends beside choices and usage (sources, mostly). */
export interface ExtrasReader {
  read(sink: PartSink, body: JsonObject): void;
  /** Adds what the reader counted (web results) to a usage report of the same call. */
  withCounts?(usage: ProviderUsage): ProviderUsage;
}

/** What a server speaking Chat Completions does its own way. */
export interface ChatDialect {
  /** Whether a streaming request asks for the usage chunk with `stream_options`. */
  readonly usesStreamOptions: boolean;
  convertUsage(usage: JsonObject): ProviderUsage;
  /** A reader, new per call, of what the vendor sends beside choices and usage. */
  openExtrasReader?(): ExtrasReader;
  /** The vendor tells an answer's cost by its id afterwards (OpenRouter's generation stats), for a stream that carried none. */
  readonly costById?: boolean;
}

const OPENAI: ChatDialect = { usesStreamOptions: true, convertUsage: convertOpenAiUsage };
/** OpenRouter's web plugin answers with url_citation annotations, its results counted from them. */
const OPENROUTER: ChatDialect = { ...OPENAI, costById: true, openExtrasReader: openRouterAnnotationsReader };
const XAI: ChatDialect = { usesStreamOptions: true, convertUsage: convertXaiUsage };
/** Mistral refuses `stream_options` (422 "Extra inputs are not permitted") and reports usage unasked. */
const MISTRAL: ChatDialect = { usesStreamOptions: false, convertUsage: convertOpenAiUsage };
/** Perplexity reports usage on every chunk unasked, and its sources beside the choices. */
const PERPLEXITY: ChatDialect = {
  usesStreamOptions: false,
  convertUsage: convertPerplexityUsage,
  openExtrasReader: perplexityCitationsReader,
};

export function chatDialectFor(kind: ProviderKind): ChatDialect {
  switch (kind) {
    case 'xai':
      return XAI;
    case 'mistral':
      return MISTRAL;
    case 'perplexity':
      return PERPLEXITY;
    case 'openrouter':
      return OPENROUTER;
    default:
      return OPENAI;
  }
}
