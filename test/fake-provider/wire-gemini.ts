import type { Answer } from './answer';
import type { FakeUsage } from './scenario';
import { deltasOf } from './seeded-split';

/** Gemini's alt=sse stream ends each event with CRLF CRLF. */
const sse = (data: unknown) => `data: ${JSON.stringify(data)}\r\n\r\n`;

/** Each chunk is a whole GenerateContentResponse; usageMetadata rides on every one of them. */
export function geminiStream(answer: Answer): string[] {
  const pieces = [
    ...deltasOf(answer.reasoning, answer.deltaChars).map((text) => ({ text, thought: true })),
    ...deltasOf(answer.text, answer.deltaChars).map((text) => ({ text })),
  ];
  const firstText = pieces.findIndex((p) => !('thought' in p));
  const interim = answer.interimUsage;
  const events = pieces.map((part, i) => {
    const usage = interim.length > 0 ? interim[Math.min(i, interim.length - 1)] : answer.usage && promptOnly(answer.usage);
    return sse(chunk(answer, [part], undefined, usage ?? null));
  });
  if (answer.inject !== undefined) {
    const bad =
      answer.inject === 'malformed'
        ? 'data: {"candidates": [{"content": {"parts": [{"text": "cu\r\n\r\n'
        : sse({ error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } });
    events.splice(firstText + 1, 0, bad);
  }
  events.push(sse(chunk(answer, [{ text: '' }], answer.finishReason ?? 'STOP', answer.usage, groundingOf(answer))));
  return events;
}

export function geminiWhole(answer: Answer): unknown {
  const thought = answer.reasoning === '' ? [] : [{ text: answer.reasoning, thought: true }];
  return chunk(answer, [...thought, { text: answer.text }], answer.finishReason ?? 'STOP', answer.usage, groundingOf(answer));
}

function chunk(answer: Answer, parts: object[], finishReason: string | undefined, usage: FakeUsage | null, grounding?: object): object {
  return {
    candidates: [
      { content: { parts, role: 'model' }, ...(finishReason ? { finishReason } : {}), ...(grounding ? { groundingMetadata: grounding } : {}), index: 0 },
    ],
    ...(usage ? { usageMetadata: usageOf(usage) } : {}),
    modelVersion: answer.model,
    responseId: 'fake-response',
  };
}

/**
 * A grounded answer's metadata, on the last chunk as Gemini streams it: usage.searches queries
 * (one when only citations are given; an empty query as Gemini sometimes sends, which is not
 * billed), the sources as groundingChunks, and which part of the text each supports.
 */
function groundingOf(answer: Answer): object | undefined {
  const searches = answer.usage?.searches ?? (answer.citations.length > 0 ? 1 : 0);
  if (searches === 0 && answer.citations.length === 0) return undefined;
  const queries = Array.from({ length: searches }, (_, i) => `fake search ${i + 1} — über`);
  const chunks = answer.citations.map((c) => ({ web: { uri: c.url, ...(c.title !== undefined ? { title: c.title } : {}) } }));
  const cited = answer.text.slice(0, 16);
  return {
    searchEntryPoint: { renderedContent: '<style>.container{}</style><div class="container">fake</div>' },
    groundingChunks: chunks,
    groundingSupports:
      chunks.length > 0 ? [{ segment: { startIndex: 0, endIndex: Buffer.byteLength(cited), text: cited }, groundingChunkIndices: chunks.map((_, i) => i) }] : [],
    webSearchQueries: searches > 0 ? ['', ...queries] : [],
  };
}

function promptOnly(usage: FakeUsage): FakeUsage {
  return { input: usage.input, output: 0 };
}

function usageOf(usage: FakeUsage): object {
  const thoughts = usage.reasoning ?? 0;
  return {
    promptTokenCount: usage.input,
    ...(usage.output > 0 ? { candidatesTokenCount: usage.output - thoughts } : {}),
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
    ...(usage.cachedInput ? { cachedContentTokenCount: usage.cachedInput } : {}),
    totalTokenCount: usage.input + usage.output,
  };
}

const ERRORS: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: ['UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'models/{model} is not found for API version v1beta, or is not supported for generateContent.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  500: ['INTERNAL', 'An internal error has occurred.'],
  503: ['UNAVAILABLE', 'The model is overloaded. Please try again later.'],
};

export function geminiError(status: number, model: string, message?: string): unknown {
  const [code, text] = ERRORS[status] ?? ['UNKNOWN', `HTTP ${status}`];
  return { error: { code: status, message: message ?? text.replace('{model}', model), status: code } };
}

/** Gemini answers a wrong key with 400 INVALID_ARGUMENT and an API_KEY_INVALID reason. */
export function geminiKeyRejection(): { status: number; body: unknown } {
  const message = 'API key not valid. Please pass a valid API key.';
  return {
    status: 400,
    body: {
      error: {
        code: 400,
        message,
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
          { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
        ],
      },
    },
  };
}
