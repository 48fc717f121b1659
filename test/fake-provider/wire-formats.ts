import type { Answer } from './answer';
import type { FakeProtocol } from './scenario';
import { anthropicError, anthropicStream, anthropicWhole } from './wire-anthropic';
import { geminiError, geminiKeyRejection, geminiStream, geminiWhole } from './wire-gemini';
import { ollamaError, ollamaStream, ollamaWhole } from './wire-ollama';
import { openAiError, openAiKeyRejection, openAiStream, openAiWhole } from './wire-openai';
import { openAiResponsesStream, openAiResponsesWhole } from './wire-openai-responses';

export interface WireFormat {
  /** Each element is one whole event as it goes on the wire (framing included). */
  stream(answer: Answer): string[];
  streamContentType: string;
  whole(answer: Answer): unknown;
  error(status: number, model: string, message?: string): unknown;
  keyRejection(presented: string): { status: number; body: unknown };
}

export const wireFormats: Record<FakeProtocol, WireFormat> = {
  openai: {
    stream: openAiStream,
    streamContentType: 'text/event-stream; charset=utf-8',
    whole: openAiWhole,
    error: openAiError,
    keyRejection: openAiKeyRejection,
  },
  'openai-responses': {
    stream: openAiResponsesStream,
    streamContentType: 'text/event-stream; charset=utf-8',
    whole: (answer) => openAiResponsesWhole(answer),
    error: openAiError,
    keyRejection: openAiKeyRejection,
  },
  anthropic: {
    stream: anthropicStream,
    streamContentType: 'text/event-stream; charset=utf-8',
    whole: anthropicWhole,
    error: anthropicError,
    keyRejection: () => ({ status: 401, body: anthropicError(401, '') }),
  },
  gemini: {
    stream: geminiStream,
    streamContentType: 'text/event-stream',
    whole: geminiWhole,
    error: geminiError,
    keyRejection: geminiKeyRejection,
  },
  ollama: {
    stream: ollamaStream,
    streamContentType: 'application/x-ndjson',
    whole: ollamaWhole,
    error: ollamaError,
    keyRejection: () => ({ status: 401, body: ollamaError(401, '') }),
  },
};

/** The stream_options refusal of servers that predate the field (wording from Azure's). */
export const STREAM_OPTIONS_REFUSAL = openAiError(400, '', 'Unrecognized request argument supplied: stream_options');
