import type { DecodeSession, Framing } from './adapter-types';
import type { CallControl } from './call-control';
import { notAnEventStreamError, oversizedEventError, truncatedError } from './error-factory';
import type { FrameDecoder, FrameHandler } from './frame-decoder';
import { createJsonBodyReader } from './json-body-reader';
import { createNdjsonLineReader } from './ndjson-line-reader';
import type { PartSink } from './part-sink';
import type { StreamPart } from './provider-types';
import { createSseEventReader } from './sse-event-reader';

/**
 * Reads a 2xx body through a decode session and yields, per network chunk, the parts that
 * chunk completed. Ends without a terminal part only when the call was stopped (control.cause),
 * which the caller turns into one; otherwise the sink's terminal part is set on return.
 *
 * The idle timer counts only while we wait on the network: time the consumer spends between
 * pulls is not the provider going quiet.
 */
export async function* pumpBody(
  body: ReadableStream<Uint8Array> | null,
  session: DecodeSession,
  sink: PartSink,
  control: CallControl,
  idleTimeoutMs: number,
): AsyncGenerator<StreamPart, void> {
  if (!body) return sink.fail(truncatedError(sink.ctx, 0));
  const handler: FrameHandler = {
    onEvent: (data, event) => session.onEvent(data, event),
    onOversized: (limit) => sink.fail(oversizedEventError(sink.ctx, limit)),
    ...(session.onEventBytes ? { onDataBytes: session.onEventBytes.bind(session) } : {}),
  };
  const decoder = decoderFor(session.framing, handler);
  const reader = body.getReader();
  // A fetch that ignores the signal (a stub, say) still gets its pending read ended.
  const cancelRead = () => void reader.cancel().catch(() => {});
  control.signal.addEventListener('abort', cancelRead);
  let reading = false;
  const idle = setTimeout(() => reading && control.stop('idle-timeout'), idleTimeoutMs);
  let bytes = 0;
  try {
    while (!sink.terminal && control.cause === undefined) {
      idle.refresh();
      reading = true;
      const chunk = await reader.read();
      reading = false;
      if (control.cause !== undefined) return;
      if (chunk.done) {
        decoder.end();
        settleAtEof(decoder, session, sink, bytes);
      } else {
        bytes += chunk.value.byteLength;
        decoder.push(chunk.value);
      }
      for (const part of sink.drain()) yield part;
    }
  } catch {
    reading = false;
    // A body that breaks off mid-way is a truncated answer, unless we broke it off ourselves.
    if (control.cause === undefined) sink.fail(truncatedError(sink.ctx, bytes));
  } finally {
    clearTimeout(idle);
    control.signal.removeEventListener('abort', cancelRead);
    // Stopping before the server did (after [DONE], on error or abort) releases the connection.
    reader.cancel().catch(() => {});
  }
}

function settleAtEof(decoder: FrameDecoder, session: DecodeSession, sink: PartSink, bytes: number): void {
  if (sink.terminal) return;
  if (decoder.events === 0 && decoder.strayText !== '') {
    return sink.fail(notAnEventStreamError(sink.ctx, decoder.strayText));
  }
  session.atEof();
  if (!sink.terminal) sink.fail(truncatedError(sink.ctx, bytes));
}

function decoderFor(framing: Framing, handler: FrameHandler): FrameDecoder {
  switch (framing) {
    case 'sse':
      return createSseEventReader(handler);
    case 'ndjson':
      return createNdjsonLineReader(handler);
    case 'json':
      return createJsonBodyReader(handler);
  }
}
