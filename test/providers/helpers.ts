import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { answerFor } from '../fake-provider/answer';
import type { FakeProtocol, Scenario } from '../fake-provider/scenario';
import { wireFormats } from '../fake-provider/wire-formats';
import type {
  CallOptions,
  ChatCallRequest,
  ProviderEndpoint,
  ProviderKind,
  ProviderUsage,
  StreamPart,
  TerminalPart,
} from '../../src/main/core/providers/provider-types';
import { callProvider } from '../../src/main/core/providers/call-provider';
import type { AnswerSource } from '../../src/shared/answer-source';

export const KEY = 'sk-test-SECRET-0123456789abcdef';

export const DISPLAY: Record<FakeProtocol, string> = {
  openai: 'OpenAI',
  'openai-responses': 'OpenAI',
  anthropic: 'Anthropic',
  gemini: 'Gemini',
  ollama: 'Ollama',
};

export function endpointFor(
  baseUrl: string,
  protocol: FakeProtocol,
  overrides: Partial<ProviderEndpoint> = {},
): ProviderEndpoint {
  const kind: ProviderKind = protocol === 'openai-responses' ? 'openai' : protocol;
  return {
    kind,
    displayName: DISPLAY[protocol],
    baseUrl: kind === 'openai' ? `${baseUrl}/v1` : baseUrl,
    apiKey: KEY,
    ...overrides,
  };
}

export function chat(stream: boolean, content = 'Hello there'): ChatCallRequest {
  return {
    model: 'test-model',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content },
    ],
    stream,
  };
}

/** Fast defaults for tests: no real waiting unless a test asks for it. */
export const FAST: CallOptions = { retryBaseDelayMs: 1, maxRetryDelayMs: 50, connectTimeoutMs: 5_000, idleTimeoutMs: 5_000 };

export interface Outcome {
  parts: StreamPart[];
  text: string;
  reasoning: string;
  usageReports: ProviderUsage[];
  /** Every citations report, in order. */
  citationReports: AnswerSource[][];
  terminal: TerminalPart;
  /** How many terminal parts came (must be exactly one, and last). */
  terminals: number;
}

export async function run(endpoint: ProviderEndpoint, request: ChatCallRequest, options: CallOptions = FAST): Promise<Outcome> {
  const parts: StreamPart[] = [];
  for await (const part of callProvider(endpoint, request, options)) parts.push(part);
  return summarize(parts);
}

export function summarize(parts: StreamPart[]): Outcome {
  let text = '';
  let reasoning = '';
  const usageReports: ProviderUsage[] = [];
  const citationReports: AnswerSource[][] = [];
  let terminals = 0;
  for (const part of parts) {
    if (part.type === 'text-delta') text += part.text;
    else if (part.type === 'reasoning-delta') reasoning += part.text;
    else if (part.type === 'usage') usageReports.push(part.usage);
    else if (part.type === 'citations') citationReports.push(part.citations);
    else terminals++;
  }
  const terminal = parts[parts.length - 1];
  if (!terminal || (terminal.type !== 'finish' && terminal.type !== 'error' && terminal.type !== 'aborted')) {
    throw new Error(`the call did not end with a terminal part: ${JSON.stringify(terminal)}`);
  }
  return { parts, text, reasoning, usageReports, citationReports, terminal, terminals };
}

export function errorOf(outcome: Outcome) {
  if (outcome.terminal.type !== 'error') throw new Error(`expected an error, got ${JSON.stringify(outcome.terminal)}`);
  return outcome.terminal.error;
}

/** Counts without `raw`, for exact comparison. */
export function counts(usage: ProviderUsage | undefined): Omit<ProviderUsage, 'raw'> | undefined {
  if (!usage) return undefined;
  const { raw: _raw, ...rest } = usage;
  return rest;
}

/** The byte length of the first `events` events the fake would send for this scenario. */
export function bytesThrough(protocol: FakeProtocol, scenario: Scenario, request: ChatCallRequest, events: number): number {
  const body = protocol === 'openai' ? { ...request, stream_options: { include_usage: true } } : request;
  const answer = answerFor(protocol, body, request.model, scenario);
  return Buffer.byteLength(wireFormats[protocol].stream(answer).slice(0, events).join(''), 'utf8');
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
