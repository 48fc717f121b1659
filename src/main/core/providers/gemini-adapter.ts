import { endpointUrl, jsonHeaders, type DecodeSession, type ProtocolAdapter } from './adapter-types';
import { convertGeminiUsage } from './convert-gemini-usage';
import { streamedVendorError, unexpectedEventError } from './error-factory';
import { GeminiGrounding, geminiSearchTools } from './gemini-grounding';
import { geminiParts } from './gemini-parts';
import { firstObject, isObject, objectAt, stringAt, type JsonObject } from './json-guards';
import type { PartSink } from './part-sink';
import type { ChatCallRequest, FinishReason } from './provider-types';
import { geminiThinkingConfig } from './reasoning-fields';

/**
 * Gemini generateContent: `POST {base}/v1beta/models/{model}:streamGenerateContent?alt=sse`
 * (or `:generateContent`). Roles are user/model; system prompts go to `systemInstruction`.
 */
export const geminiAdapter: ProtocolAdapter = {
  usesStreamOptions: false,
  chatRequest(endpoint, request) {
    const auth: Record<string, string> = endpoint.apiKey ? { 'x-goog-api-key': endpoint.apiKey } : {};
    const method = request.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
    return {
      method: 'POST',
      url: endpointUrl(endpoint.baseUrl, `/v1beta/${modelPath(request.model)}:${method}`),
      headers: jsonHeaders(auth, endpoint, request.stream ? 'text/event-stream' : 'application/json'),
      body: JSON.stringify(requestBody(request)),
    };
  },
  openSession(sink, options) {
    return session(sink, options.stream ? 'sse' : 'json');
  },
};

/** "gemini-2.5-flash" and "models/gemini-2.5-flash" both work; "tunedModels/x" keeps its prefix. */
function modelPath(model: string): string {
  const path = model.includes('/') ? model : `models/${model}`;
  return path.split('/').map(encodeURIComponent).join('/');
}

function requestBody(request: ChatCallRequest) {
  const system = request.messages.filter((m) => m.role === 'system').map((m) => ({ text: m.content }));
  const generationConfig = {
    ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...geminiThinkingConfig(request.reasoning),
  };
  return {
    contents: request.messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: geminiParts(m) })),
    ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
    ...geminiSearchTools(request.webSearch),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
  };
}

/**
 * A streamed chunk and a whole response have the same shape. Usage repeats on every chunk and
 * the last report wins. There is no end marker: a candidate's finishReason (or a blocked
 * prompt) says the answer is complete, and the stream ends when the server closes it. A grounded
 * answer's sources and search count come in the candidate's groundingMetadata; the count rides
 * on the usage reports, and how it is billed depends on the model that answered (modelVersion).
 */
function session(sink: PartSink, framing: 'sse' | 'json'): DecodeSession {
  let finishReason: FinishReason | undefined;
  let usageMetadata: JsonObject | undefined;
  let model: string | undefined;
  const grounding = new GeminiGrounding();
  return {
    framing,
    onEvent(data) {
      if (sink.terminal) return;
      const chunk = sink.parse(data);
      if (chunk === undefined) return;
      if (!isObject(chunk)) return sink.fail(unexpectedEventError(sink.ctx, data));
      const error = objectAt(chunk, 'error');
      if (error) {
        const code = error.code;
        const status = typeof code === 'number' ? code : undefined;
        const report = { status, type: stringAt(error, 'status'), message: stringAt(error, 'message') };
        return sink.fail(streamedVendorError(sink.ctx, report));
      }
      const candidate = firstObject(chunk.candidates);
      const parts = candidate && objectAt(candidate, 'content')?.parts;
      if (Array.isArray(parts)) {
        for (const part of parts) {
          if (!isObject(part) || typeof part.text !== 'string') continue;
          if (part.thought === true) sink.reasoning(part.text);
          else sink.text(part.text);
        }
      }
      const reason = candidate && stringAt(candidate, 'finishReason');
      if (reason !== undefined) finishReason = mapFinishReason(reason);
      if (stringAt(objectAt(chunk, 'promptFeedback') ?? {}, 'blockReason')) finishReason = 'content-filter';
      model = stringAt(chunk, 'modelVersion') ?? model;
      const metadata = candidate && objectAt(candidate, 'groundingMetadata');
      const changed = metadata ? grounding.read(metadata, model) : { sources: false, searches: false };
      if (changed.sources) sink.citations(grounding.list());
      const usage = objectAt(chunk, 'usageMetadata');
      usageMetadata = usage ?? usageMetadata;
      if (usage || changed.searches) sink.reportUsage(convertGeminiUsage(usageMetadata, grounding.webSearches(model)));
    },
    atEof() {
      if (finishReason !== undefined) sink.finish(finishReason);
    },
  };
}

function mapFinishReason(reason: string): FinishReason {
  switch (reason) {
    case 'STOP':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
      return 'content-filter';
    default:
      return 'other';
  }
}
