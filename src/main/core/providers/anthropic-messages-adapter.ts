import { endpointUrl, jsonHeaders, type DecodeSession, type ProtocolAdapter } from './adapter-types';
import { anthropicContent } from './anthropic-content-blocks';
import { AnthropicSources, anthropicWebSearchTools } from './anthropic-web-search';
import { anthropicSystem } from './cache-control-marks';
import { convertAnthropicUsage, type AnthropicUsageReports } from './convert-anthropic-usage';
import { streamedVendorError, unexpectedEventError } from './error-factory';
import { isObject, objectAt, stringAt, type JsonObject } from './json-guards';
import type { PartSink } from './part-sink';
import type { ChatCallRequest, FinishReason } from './provider-types';
import { anthropicThinking } from './reasoning-fields';

const API_VERSION = '2023-06-01';
/** Anthropic requires max_tokens; this is what we ask for when the caller sets no limit. */
const DEFAULT_MAX_TOKENS = 4096;

/** Anthropic Messages: `POST {base}/v1/messages`; system prompts go to the top-level `system`. */
export const anthropicMessagesAdapter: ProtocolAdapter = {
  usesStreamOptions: false,
  chatRequest(endpoint, request) {
    const auth: Record<string, string> = { 'anthropic-version': API_VERSION };
    if (endpoint.apiKey) auth['x-api-key'] = endpoint.apiKey;
    return {
      method: 'POST',
      url: endpointUrl(endpoint.baseUrl, '/v1/messages'),
      headers: jsonHeaders(auth, endpoint, request.stream ? 'text/event-stream' : 'application/json'),
      body: JSON.stringify(requestBody(request)),
    };
  },
  openSession(sink, options) {
    return options.stream ? streamSession(sink) : wholeSession(sink);
  },
};

function requestBody(request: ChatCallRequest) {
  const thinking = request.reasoning?.thinkingBudget !== undefined;
  return {
    model: request.model,
    ...anthropicThinking(request.reasoning, request.maxOutputTokens ?? DEFAULT_MAX_TOKENS),
    ...anthropicSystem(request.messages),
    messages: request.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role, content: anthropicContent(m) })),
    ...anthropicWebSearchTools(request.webSearch),
    stream: request.stream,
    // Anthropic refuses a changed temperature while thinking; the thinking the user asked for wins.
    ...(request.temperature !== undefined && !thinking ? { temperature: request.temperature } : {}),
  };
}

/**
 * Only `message_stop` ends the stream. Block starts matter only for a search's results and a
 * text's citations; the search's query (server_tool_use's input_json_delta) is not answer text.
 */
function streamSession(sink: PartSink): DecodeSession {
  const reports: AnthropicUsageReports = {};
  const sources = new AnthropicSources(sink);
  let stopReason: string | undefined;
  const report = (key: keyof AnthropicUsageReports, usage: JsonObject | undefined) => {
    if (!usage) return;
    reports[key] = usage;
    sink.reportUsage(convertAnthropicUsage({ ...reports }));
  };
  return {
    framing: 'sse',
    onEvent(data) {
      if (sink.terminal) return;
      const event = sink.parse(data);
      if (event === undefined) return;
      if (!isObject(event)) return sink.fail(unexpectedEventError(sink.ctx, data));
      switch (event.type) {
        case 'content_block_start':
          sources.readBlock(objectAt(event, 'content_block') ?? {});
          return sources.flush();
        case 'content_block_delta':
          return readDelta(sink, sources, objectAt(event, 'delta'));
        case 'message_start':
          return report('message_start', objectAt(objectAt(event, 'message') ?? {}, 'usage'));
        case 'message_delta':
          stopReason = stringAt(objectAt(event, 'delta') ?? {}, 'stop_reason') ?? stopReason;
          return report('message_delta', objectAt(event, 'usage'));
        case 'message_stop':
          return sink.finish(mapStopReason(stopReason));
        case 'error':
          return sink.fail(vendorError(sink, objectAt(event, 'error')));
      }
    },
    atEof() {},
  };
}

function wholeSession(sink: PartSink): DecodeSession {
  return {
    framing: 'json',
    onEvent(data) {
      const message = sink.parse(data);
      if (message === undefined) return;
      if (!isObject(message)) return sink.fail(unexpectedEventError(sink.ctx, data));
      if (message.type === 'error') return sink.fail(vendorError(sink, objectAt(message, 'error')));
      if (!Array.isArray(message.content)) return sink.fail(unexpectedEventError(sink.ctx, data));
      const sources = new AnthropicSources(sink);
      for (const block of message.content) {
        if (!isObject(block)) continue;
        if (block.type === 'thinking') sink.reasoning(stringAt(block, 'thinking') ?? '');
        if (block.type === 'text') sink.text(stringAt(block, 'text') ?? '');
        sources.readBlock(block);
      }
      sources.flush();
      const usage = objectAt(message, 'usage');
      if (usage) sink.reportUsage(convertAnthropicUsage({ message_start: usage }, usage));
      sink.finish(mapStopReason(stringAt(message, 'stop_reason')));
    },
    atEof() {},
  };
}

function readDelta(sink: PartSink, sources: AnthropicSources, delta: JsonObject | undefined): void {
  if (delta?.type === 'text_delta') sink.text(stringAt(delta, 'text') ?? '');
  else if (delta?.type === 'thinking_delta') sink.reasoning(stringAt(delta, 'thinking') ?? '');
  else if (delta?.type === 'citations_delta') {
    sources.readDelta(delta);
    sources.flush();
  }
}

/** Mid-stream `{type:'error', error:{type:'overloaded_error', message}}`. */
function vendorError(sink: PartSink, error: JsonObject | undefined) {
  return streamedVendorError(sink.ctx, {
    type: error && stringAt(error, 'type'),
    message: error && stringAt(error, 'message'),
  });
}

function mapStopReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
