import type { PartSink } from './part-sink';
import type { ChatCallRequest, ProviderEndpoint } from './provider-types';

/** How the response body is cut into events. */
export type Framing = 'sse' | 'ndjson' | 'json';

export interface WireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SessionOptions {
  stream: boolean;
  /** The request asked for OpenAI's usage chunk (stream_options.include_usage). */
  usageRequested: boolean;
}

/** One call's decoding state: vendor events in, parts out through the sink. */
export interface DecodeSession {
  readonly framing: Framing;
  onEvent(data: string, event: string | undefined): void;
  /** An event straight from its bytes, when the session can read it so (FrameHandler.onDataBytes). */
  onEventBytes?(bytes: Buffer, start: number, end: number): boolean;
  /** The body ended without the terminal part: finish here if this protocol allows it. */
  atEof(): void;
}

/** One wire protocol: builds its HTTP request and decodes its answer. */
export interface ProtocolAdapter {
  /** Streaming requests carry stream_options, which some servers refuse. */
  readonly usesStreamOptions: boolean;
  chatRequest(endpoint: ProviderEndpoint, request: ChatCallRequest, withStreamOptions: boolean): WireRequest;
  openSession(sink: PartSink, options: SessionOptions): DecodeSession;
}

export function endpointUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

/** The OpenAI-style key header; none when the endpoint needs no key (a local server). */
export function bearerAuth(endpoint: ProviderEndpoint): Record<string, string> {
  return endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {};
}

/** Extra headers come last: a user who sets one for a proxy means it to win. */
export function jsonHeaders(
  auth: Record<string, string>,
  endpoint: ProviderEndpoint,
  accept: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept,
    ...auth,
    ...endpoint.extraHeaders,
  };
}
