import { bearerAuth, endpointUrl, jsonHeaders, type DecodeSession, type ProtocolAdapter } from './adapter-types';
import { streamedVendorError, unexpectedEventError } from './error-factory';
import { isObject, objectAt, stringAt, type JsonObject } from './json-guards';
import { hasAttachments, responsesContentParts } from './openai-content-parts';
import type { PartSink } from './part-sink';
import { responsesReasoningField } from './reasoning-fields';
import type { ChatCallRequest, ChatMessage, FinishReason, ProviderKind } from './provider-types';
import { responsesFlavorFor, type ResponsesFlavor } from './responses-flavors';
import { ResponsesSearchTally } from './responses-web-search';

/** How a response ended, from the terminal event's name or a whole response's `status`. */
type Outcome = 'completed' | 'incomplete' | 'failed';

/** Reasoning summaries come in parts; shown as one text, the parts are paragraphs. */
const SUMMARY_PART_BREAK = '\n\n';

/**
 * OpenAI Responses: `POST {base}/responses`, the only API of o3-pro, gpt-5-pro and the codex
 * models, and the one where OpenAI and xAI search the web. System prompts go to `instructions`.
 * `store: false`: Tallychat keeps the conversation itself, so nothing needs to stay on the
 * vendor's side. What xAI and OpenRouter do their own way is in their flavor.
 */
export function openAiResponsesAdapterFor(kind: ProviderKind): ProtocolAdapter {
  const flavor = responsesFlavorFor(kind);
  return {
    usesStreamOptions: false,
    chatRequest(endpoint, request) {
      const auth = bearerAuth(endpoint);
      return {
        method: 'POST',
        url: endpointUrl(endpoint.baseUrl, '/responses'),
        headers: jsonHeaders(auth, endpoint, request.stream ? 'text/event-stream' : 'application/json'),
        body: JSON.stringify(requestBody(flavor, request)),
      };
    },
    openSession(sink, options) {
      return options.stream ? streamSession(sink, flavor) : wholeSession(sink, flavor);
    },
  };
}

export const openAiResponsesAdapter: ProtocolAdapter = openAiResponsesAdapterFor('openai');

function requestBody(flavor: ResponsesFlavor, request: ChatCallRequest) {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  return {
    model: request.model,
    ...(system.length > 0 ? { instructions: system.join('\n\n') } : {}),
    input: request.messages.filter((m) => m.role !== 'system').map(inputItem),
    stream: request.stream,
    store: false,
    ...(request.maxOutputTokens !== undefined ? { max_output_tokens: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...responsesReasoningField(request.model, request.reasoning),
    ...(request.webSearch ? flavor.webSearchFields(request.webSearch) : {}),
  };
}

/** Content stays a plain string unless the message carries files. */
function inputItem(message: ChatMessage) {
  return { role: message.role, content: hasAttachments(message) ? responsesContentParts(message) : message.content };
}

/**
 * Named events whose data repeats the name in `type`. There is no `[DONE]`: the stream ends with
 * `response.completed`, `response.incomplete` or `response.failed`, each carrying the whole
 * response with its usage. An `error` event may come first; it ends the call.
 */
function streamSession(sink: PartSink, flavor: ResponsesFlavor): DecodeSession {
  const searches = new ResponsesSearchTally();
  let reasoningSeen = false;
  let partBreakDue = false;
  return {
    framing: 'sse',
    onEvent(data) {
      if (sink.terminal) return;
      const event = sink.parse(data);
      if (event === undefined) return;
      if (!isObject(event)) return sink.fail(unexpectedEventError(sink.ctx, data));
      switch (event.type) {
        case 'response.output_text.delta':
        case 'response.refusal.delta':
          return sink.text(stringAt(event, 'delta') ?? '');
        case 'response.reasoning_summary_part.added':
          partBreakDue = reasoningSeen;
          return;
        // Servers of open-weight models (gpt-oss) stream the reasoning itself rather than a summary.
        case 'response.reasoning_text.delta':
        case 'response.reasoning_summary_text.delta': {
          const delta = stringAt(event, 'delta') ?? '';
          if (delta === '') return;
          if (partBreakDue) sink.reasoning(SUMMARY_PART_BREAK);
          partBreakDue = false;
          reasoningSeen = true;
          return sink.reasoning(delta);
        }
        case 'response.output_item.done':
          searches.outputItem(objectAt(event, 'item'), event.output_index);
          return reportSearchesSoFar(sink, flavor, searches);
        case 'response.output_text.annotation.added':
          searches.annotation(sink, event.annotation);
          return reportSearchesSoFar(sink, flavor, searches);
        case 'response.completed':
          return settle(sink, flavor, searches, objectAt(event, 'response'), 'completed');
        case 'response.incomplete':
          return settle(sink, flavor, searches, objectAt(event, 'response'), 'incomplete');
        case 'response.failed':
          return settle(sink, flavor, searches, objectAt(event, 'response'), 'failed');
        case 'error':
          // Documented flat ({type, code, message}); sent nested under `error` as well.
          return sink.fail(vendorError(sink, objectAt(event, 'error') ?? event));
      }
    },
    atEof() {},
  };
}

function wholeSession(sink: PartSink, flavor: ResponsesFlavor): DecodeSession {
  return {
    framing: 'json',
    onEvent(data) {
      const response = sink.parse(data);
      if (response === undefined) return;
      const status = isObject(response) ? stringAt(response, 'status') : undefined;
      if (!isObject(response) || !Array.isArray(response.output) || !isOutcome(status)) {
        return sink.fail(unexpectedEventError(sink.ctx, data));
      }
      readOutput(sink, response.output);
      settle(sink, flavor, new ResponsesSearchTally(), response, status);
    },
    atEof() {},
  };
}

/** A whole response's output items: reasoning (summary parts, or the reasoning text), then the message's text. */
function readOutput(sink: PartSink, output: unknown[]): void {
  const reasoning: string[] = [];
  for (const item of output) {
    if (!isObject(item) || item.type !== 'reasoning') continue;
    for (const part of [...arrayAt(item, 'summary'), ...arrayAt(item, 'content')]) {
      if (isObject(part) && typeof part.text === 'string' && part.text) reasoning.push(part.text);
    }
  }
  sink.reasoning(reasoning.join(SUMMARY_PART_BREAK));
  for (const item of output) {
    if (!isObject(item) || item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content) {
      if (!isObject(part)) continue;
      if (part.type === 'output_text') sink.text(stringAt(part, 'text') ?? '');
      else if (part.type === 'refusal') sink.text(stringAt(part, 'refusal') ?? '');
    }
  }
}

/**
 * Usage comes only with the final response, but a search is billed once made: a stream cut
 * before the end still meters the searches seen so far. The final report replaces this one.
 */
function reportSearchesSoFar(sink: PartSink, flavor: ResponsesFlavor, searches: ResponsesSearchTally): void {
  const webSearches = flavor.searchesOf(searches, undefined);
  if (webSearches !== undefined && webSearches !== sink.usage?.webSearches) sink.reportUsage({ webSearches, raw: null });
}

/**
 * The searches join the usage: from the usage itself where the vendor reports them (xAI), else
 * counted from the output. Searches with no usage report still make one, so they are billed.
 */
function settle(sink: PartSink, flavor: ResponsesFlavor, searches: ResponsesSearchTally, response: JsonObject | undefined, outcome: Outcome): void {
  if (response) searches.settle(sink, response);
  const usage = response && objectAt(response, 'usage');
  const converted = usage ? flavor.convertUsage(usage) : undefined;
  const webSearches = converted?.webSearches ?? flavor.searchesOf(searches, response);
  if (converted) sink.reportUsage(webSearches === undefined ? converted : { ...converted, webSearches });
  else if (webSearches) sink.reportUsage({ webSearches, raw: null });
  if (outcome === 'failed') return sink.fail(vendorError(sink, response && objectAt(response, 'error')));
  if (outcome === 'completed') return sink.finish('stop');
  const details = response && objectAt(response, 'incomplete_details');
  sink.finish(mapIncompleteReason(details && stringAt(details, 'reason')));
}

/** `{code:'rate_limit_exceeded', message}`; `code` is the precise one where both are given. */
function vendorError(sink: PartSink, error: JsonObject | undefined) {
  return streamedVendorError(sink.ctx, {
    type: error && (stringAt(error, 'code') ?? stringAt(error, 'type')),
    message: error && stringAt(error, 'message'),
  });
}

function arrayAt(value: JsonObject, key: string): unknown[] {
  const v = value[key];
  return Array.isArray(v) ? v : [];
}

function isOutcome(status: string | undefined): status is Outcome {
  return status === 'completed' || status === 'incomplete' || status === 'failed';
}

function mapIncompleteReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'max_output_tokens':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}
