import { bearerAuth, endpointUrl, jsonHeaders, type DecodeSession, type ProtocolAdapter } from './adapter-types';
import { convertOllamaUsage } from './convert-ollama-usage';
import { streamedVendorError, unexpectedEventError } from './error-factory';
import { isObject, objectAt, stringAt } from './json-guards';
import { ollamaMessage } from './ollama-message';
import type { PartSink } from './part-sink';
import type { ChatCallRequest, FinishReason } from './provider-types';

/**
 * Ollama's native chat: `POST {base}/api/chat`, answered in NDJSON. No key by default; one is
 * sent as a bearer token for an Ollama behind an authenticating proxy.
 */
export const ollamaChatAdapter: ProtocolAdapter = {
  usesStreamOptions: false,
  chatRequest(endpoint, request) {
    const auth = bearerAuth(endpoint);
    return {
      method: 'POST',
      url: endpointUrl(endpoint.baseUrl, '/api/chat'),
      headers: jsonHeaders(auth, endpoint, request.stream ? 'application/x-ndjson' : 'application/json'),
      body: JSON.stringify(requestBody(request)),
    };
  },
  openSession(sink, options) {
    return session(sink, options.stream ? 'ndjson' : 'json');
  },
};

function requestBody(request: ChatCallRequest) {
  const options = {
    ...(request.maxOutputTokens !== undefined ? { num_predict: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
  };
  return {
    model: request.model,
    messages: request.messages.map((m) => ollamaMessage(m)),
    stream: request.stream,
    ...(Object.keys(options).length > 0 ? { options } : {}),
  };
}

/** Each line (or the whole non-streamed body) is one object; `done: true` ends the answer. */
function session(sink: PartSink, framing: 'ndjson' | 'json'): DecodeSession {
  return {
    framing,
    onEvent(data) {
      if (sink.terminal) return;
      const line = sink.parse(data);
      if (line === undefined) return;
      if (!isObject(line)) return sink.fail(unexpectedEventError(sink.ctx, data));
      const error = stringAt(line, 'error');
      if (error !== undefined) return sink.fail(streamedVendorError(sink.ctx, { message: error }));
      const message = objectAt(line, 'message');
      if (message) {
        sink.reasoning(stringAt(message, 'thinking') ?? '');
        sink.text(stringAt(message, 'content') ?? '');
      }
      if (line.done === true) {
        if (line.prompt_eval_count !== undefined || line.eval_count !== undefined) sink.reportUsage(convertOllamaUsage(line));
        sink.finish(mapDoneReason(stringAt(line, 'done_reason')));
      }
    },
    atEof() {},
  };
}

function mapDoneReason(reason: string | undefined): FinishReason {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  return 'other';
}
