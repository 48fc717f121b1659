/** Receives what a FrameDecoder finds in the body, synchronously, in order. */
export interface FrameHandler {
  /** One complete event: an SSE event's joined data, one NDJSON line, or a whole JSON body. */
  onEvent(data: string, event: string | undefined): void;
  /**
   * An event grew past the limit (in characters, or in bytes for a decoder that works on bytes);
   * the decoder drops everything after this.
   */
  onOversized(limit: number): void;
  /**
   * An SSE event of one data line, whole within one network chunk: its value is bytes[start,
   * end). A handler that can read it from the bytes does so and returns true; false, and the
   * value is decoded and given to onEvent as any event is. Decoding a few hundred bytes into a
   * string for every one of tens of thousands of events is most of what such a stream costs.
   */
  onDataBytes?(bytes: Buffer, start: number, end: number): boolean;
}

/**
 * Turns body bytes into events. push() handles one network chunk and calls the handler for
 * every event completed by it before returning, so the caller can hand on a whole batch.
 */
export interface FrameDecoder {
  push(bytes: Uint8Array): void;
  /** The body ended. */
  end(): void;
  /** Events delivered so far. */
  readonly events: number;
  /** The start of any text that was not part of an event (an HTML error page, say). */
  readonly strayText: string;
}

/** Far above any real event (the largest we meet are a few MiB of one delta), far below harm. */
export const DEFAULT_MAX_EVENT_SIZE = 32 * 1024 * 1024;

/** Node's TextDecoder keeps a multi-byte character split across chunks when told `stream`. */
export const STREAM_DECODE: { readonly stream: boolean } = { stream: true };
