import { bearerAuth, endpointUrl, jsonHeaders, type DecodeSession, type ProtocolAdapter, type SessionOptions } from './adapter-types';
import { streamedVendorError, unexpectedEventError } from './error-factory';
import { ContentChunkTemplate } from './content-chunk-template';
import { firstObject, isObject, objectAt, stringAt, type JsonObject } from './json-guards';
import { openRouterMessage } from './cache-control-marks';
import { readContentParts } from './mistral-content-parts';
import { chatContentParts, hasAttachments } from './openai-content-parts';
import { chatDialectFor, type ChatDialect, type ExtrasReader } from './openai-chat-dialects';
import { openRouterWebSearchFields } from './openrouter-web-search';
import type { PartSink } from './part-sink';
import { chatReasoningFields } from './reasoning-fields';
import type { ChatCallRequest, ChatMessage, FinishReason, ProviderEndpoint, ProviderUsage } from './provider-types';

/**
 * OpenAI Chat Completions, and the servers that speak it: OpenRouter, DeepSeek, vLLM, LM Studio,
 * Ollama's /v1. OpenAI itself takes `max_completion_tokens` (its reasoning models refuse
 * `max_tokens`); compatible servers know `max_tokens` far more widely. What xAI, Mistral and
 * Perplexity do their own way is in their dialect.
 */
export function openAiChatAdapter(kind: ProviderEndpoint['kind']): ProtocolAdapter {
  const dialect = chatDialectFor(kind);
  return {
    usesStreamOptions: dialect.usesStreamOptions,
    chatRequest(endpoint, request, withStreamOptions) {
      const auth = bearerAuth(endpoint);
      return {
        method: 'POST',
        url: endpointUrl(endpoint.baseUrl, '/chat/completions'),
        headers: jsonHeaders(auth, endpoint, request.stream ? 'text/event-stream' : 'application/json'),
        body: JSON.stringify(requestBody(kind, request, withStreamOptions)),
      };
    },
    openSession(sink, options) {
      return options.stream ? streamSession(sink, options, dialect) : wholeSession(sink, dialect);
    },
  };
}

function requestBody(kind: ProviderEndpoint['kind'], request: ChatCallRequest, withStreamOptions: boolean) {
  const limitField = kind === 'openai' ? 'max_completion_tokens' : 'max_tokens';
  return {
    model: request.model,
    messages: request.messages.map((m) => chatMessage(kind, m)),
    stream: request.stream,
    ...(request.stream && withStreamOptions ? { stream_options: { include_usage: true } } : {}),
    ...(request.maxOutputTokens !== undefined ? { [limitField]: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...chatReasoningFields(kind, request.reasoning),
    ...(kind === 'openrouter' ? openRouterWebSearchFields(request.webSearch) : {}),
  };
}

/**
 * Content stays a plain string unless the message carries files. Only OpenRouter forwards cache
 * breakpoints (to Anthropic); the others get the text alone.
 */
function chatMessage(kind: ProviderEndpoint['kind'], message: ChatMessage) {
  if (hasAttachments(message)) return { role: message.role, content: chatContentParts(kind, message) };
  return kind === 'openrouter' ? openRouterMessage(message) : { role: message.role, content: message.content };
}

/**
 * `data: [DONE]` ends the stream. Some compatible servers close without it: then a finish_reason
 * is taken as the end, but only if the usage chunk (which follows the finish_reason chunk) also
 * came or was never asked for — otherwise the cut may have fallen between the two, and the
 * call is reported truncated rather than finished without its meter.
 */
function streamSession(sink: PartSink, options: SessionOptions, dialect: ChatDialect): DecodeSession {
  let finishReason: string | undefined;
  let sawUsage = false;
  const extras = dialect.openExtrasReader?.();
  // A dialect that reads more of each chunk (citations, annotations) reads every chunk whole.
  const template = extras ? undefined : new ContentChunkTemplate();
  return {
    framing: 'sse',
    onEvent(data) {
      if (sink.terminal) return;
      if (data === '[DONE]') return sink.finish(mapFinishReason(finishReason));
      const text = template?.match(data);
      if (text !== undefined) return sink.text(text);
      const chunk = sink.parse(data);
      if (chunk === undefined) return;
      if (!isObject(chunk)) return sink.fail(unexpectedEventError(sink.ctx, data));
      const error = objectAt(chunk, 'error');
      if (error) return sink.fail(vendorError(sink, error));
      const choice = firstObject(chunk.choices);
      if (choice) {
        const delta = objectAt(choice, 'delta');
        if (delta) readMessage(sink, delta);
        finishReason = stringAt(choice, 'finish_reason') ?? finishReason;
      }
      template?.learn(data, chunk);
      extras?.read(sink, chunk);
      const usage = objectAt(chunk, 'usage');
      if (usage) {
        sawUsage = true;
        sink.reportUsage(convertUsage(dialect, extras, usage, chunk));
      } else if (!sawUsage) reportCountsSoFar(sink, extras);
    },
    onEventBytes(bytes, start, end) {
      const text = template?.matchBytes(bytes, start, end);
      if (text === undefined) return false;
      sink.text(text);
      return true;
    },
    atEof() {
      if (finishReason !== undefined && (sawUsage || !options.usageRequested)) sink.finish(mapFinishReason(finishReason));
    },
  };
}

function wholeSession(sink: PartSink, dialect: ChatDialect): DecodeSession {
  return {
    framing: 'json',
    onEvent(data) {
      const body = sink.parse(data);
      if (body === undefined) return;
      const error = isObject(body) ? objectAt(body, 'error') : undefined;
      if (error) return sink.fail(vendorError(sink, error));
      const choice = isObject(body) ? firstObject(body.choices) : undefined;
      const message = choice && objectAt(choice, 'message');
      if (!choice || !message || !isObject(body)) return sink.fail(unexpectedEventError(sink.ctx, data));
      readMessage(sink, message);
      const extras = dialect.openExtrasReader?.();
      extras?.read(sink, body);
      const usage = objectAt(body, 'usage');
      if (usage) sink.reportUsage(convertUsage(dialect, extras, usage, body));
      sink.finish(mapFinishReason(stringAt(choice, 'finish_reason')));
    },
    atEof() {},
  };
}

/** DeepSeek streams thinking as `reasoning_content`, OpenRouter as `reasoning`, Mistral in typed parts. */
function readMessage(sink: PartSink, message: JsonObject): void {
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === 'string') sink.reasoning(reasoning);
  const content = message.content;
  if (typeof content === 'string') sink.text(content);
  else if (Array.isArray(content)) readContentParts(sink, content);
}

/** OpenRouter and vLLM report a failure inside the stream as `{error:{message, code}}`. */
function vendorError(sink: PartSink, error: JsonObject) {
  const code = error.code;
  return streamedVendorError(sink.ctx, {
    status: typeof code === 'number' && code >= 400 && code < 600 ? code : undefined,
    type: stringAt(error, 'type') ?? (typeof code === 'string' ? code : undefined),
    message: stringAt(error, 'message'),
  });
}

function mapFinishReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}

/**
 * The usage chunk comes last, but web results are billed once handed back: a stream cut before
 * it still meters the results seen so far. The usage chunk's report replaces this one.
 */
function reportCountsSoFar(sink: PartSink, extras: ExtrasReader | undefined): void {
  const counted = extras?.withCounts?.({ raw: null });
  if (counted?.webSearches !== undefined && counted.webSearches !== sink.usage?.webSearches) sink.reportUsage(counted);
}

function convertUsage(dialect: ChatDialect, extras: ExtrasReader | undefined, usage: JsonObject, chunk: JsonObject): ProviderUsage {
  const converted = withGenerationId(dialect, dialect.convertUsage(usage), chunk);
  return extras?.withCounts ? extras.withCounts(converted) : converted;
}

/**
 * When the usage carried no cost, the chunk's `id` (OpenRouter's "gen-…", naming the whole answer)
 * is kept with it, so the bill check can ask OpenRouter afterwards what the answer cost.
 */
function withGenerationId(dialect: ChatDialect, usage: ProviderUsage, chunk: JsonObject): ProviderUsage {
  const id = stringAt(chunk, 'id');
  return dialect.costById && usage.providerCostNanos === undefined && id ? { ...usage, generationId: id } : usage;
}
