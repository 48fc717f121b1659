import type { ProtocolAdapter } from './adapter-types';
import { adapterFor } from './adapters';
import { CallControl } from './call-control';
import { resolveCallOptions, type ResolvedCallOptions } from './call-options';
import { connectTimeoutError, errorContext, idleTimeoutError, unexpectedError, type ErrorContext } from './error-factory';
import { sendWithRetry, type Transport } from './http-transport';
import { pumpBody } from './body-pump';
import { PartSink } from './part-sink';
import { ProviderError } from './provider-error';
import type { CallOptions, ChatCallRequest, ProviderEndpoint, StreamPart, TerminalPart } from './provider-types';

export { listModels } from './list-models';

/**
 * Calls a model and yields its answer as parts, ending with exactly one terminal part
 * (finish | error | aborted). Provider and network failures come out as an error part, never
 * as a throw. A non-streaming request goes through the same path and yields the same parts.
 */
export async function* callProvider(
  endpoint: ProviderEndpoint,
  request: ChatCallRequest,
  options: CallOptions = {},
): AsyncGenerator<StreamPart, void> {
  const resolved = resolveCallOptions(options);
  const ctx = errorContext(endpoint);
  const control = new CallControl(options.signal);
  const sink = new PartSink(ctx);
  try {
    const adapter = adapterFor(endpoint, request.api);
    const transport: Transport = { ctx, control, options: resolved, subject: 'model' };
    const opened = await openChat(adapter, endpoint, request, transport);
    const session = adapter.openSession(sink, { stream: request.stream, usageRequested: opened.usageRequested });
    yield* pumpBody(opened.response.body, session, sink, control, resolved.idleTimeoutMs);
    yield sink.terminal ?? stoppedPart(control, ctx, resolved, sink);
  } catch (error) {
    yield stoppedPart(control, ctx, resolved, sink, error);
  } finally {
    control.dispose();
  }
}

/**
 * Streaming OpenAI-style requests ask for the usage chunk. A server that refuses the field with
 * a 400 naming it gets the request again without it, and is remembered, so later calls skip
 * the failed attempt; those calls finish without usage and the orchestrator estimates.
 */
async function openChat(
  adapter: ProtocolAdapter,
  endpoint: ProviderEndpoint,
  request: ChatCallRequest,
  transport: Transport,
): Promise<{ response: Response; usageRequested: boolean }> {
  const quirks = transport.options.quirks;
  const ask = adapter.usesStreamOptions && request.stream && !quirks.rejectsStreamOptions(endpoint.baseUrl);
  try {
    const response = await sendWithRetry(adapter.chatRequest(endpoint, request, ask), transport);
    return { response, usageRequested: ask };
  } catch (error) {
    if (!ask || !refusesStreamOptions(error)) throw error;
    quirks.markRejectsStreamOptions(endpoint.baseUrl);
    const response = await sendWithRetry(adapter.chatRequest(endpoint, request, false), transport);
    return { response, usageRequested: false };
  }
}

function refusesStreamOptions(error: unknown): boolean {
  return (
    error instanceof ProviderError &&
    (error.status === 400 || error.status === 422) &&
    (error.vendorMessage ?? '').includes('stream_options')
  );
}

/** The terminal part for a call that did not end by its own terminal event. */
function stoppedPart(
  control: CallControl,
  ctx: ErrorContext,
  options: ResolvedCallOptions,
  sink: PartSink,
  error?: unknown,
): TerminalPart {
  const usage = sink.usage ? { usage: sink.usage } : {};
  switch (control.cause) {
    case 'user':
      return { type: 'aborted', ...usage };
    case 'connect-timeout':
      return { type: 'error', error: connectTimeoutError(ctx, options.connectTimeoutMs), ...usage };
    case 'idle-timeout':
      return { type: 'error', error: idleTimeoutError(ctx, options.idleTimeoutMs), ...usage };
    case undefined:
      return { type: 'error', error: error instanceof ProviderError ? error : unexpectedError(ctx, error), ...usage };
  }
}
