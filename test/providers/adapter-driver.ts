import type { ProtocolAdapter } from '../../src/main/core/providers/adapter-types';
import { pumpBody } from '../../src/main/core/providers/body-pump';
import { CallControl } from '../../src/main/core/providers/call-control';
import { errorContext } from '../../src/main/core/providers/error-factory';
import { PartSink } from '../../src/main/core/providers/part-sink';
import type { ChatCallRequest, ProviderEndpoint, StreamPart } from '../../src/main/core/providers/provider-types';
import { summarize, type Outcome } from './helpers';

/**
 * One call through a given adapter, for an adapter the kind's routing (adapters.ts) does not
 * pick yet: its request over loopback HTTP, its body through the same pump callProvider uses.
 */
export async function runAdapter(
  adapter: ProtocolAdapter,
  endpoint: ProviderEndpoint,
  request: ChatCallRequest,
  send: typeof fetch = fetch,
): Promise<Outcome> {
  const wire = adapter.chatRequest(endpoint, request, false);
  const response = await send(wire.url, { method: wire.method, headers: wire.headers, body: wire.body });
  const sink = new PartSink(errorContext(endpoint));
  const session = adapter.openSession(sink, { stream: request.stream, usageRequested: false });
  const control = new CallControl(undefined);
  const parts: StreamPart[] = [];
  try {
    for await (const part of pumpBody(response.body, session, sink, control, 5_000)) parts.push(part);
  } finally {
    control.dispose();
  }
  if (sink.terminal) parts.push(sink.terminal);
  return summarize(parts);
}
