import { DEFAULT_MAX_EVENT_SIZE, STREAM_DECODE, type FrameDecoder, type FrameHandler } from './frame-decoder';

/** A non-streaming response: the whole body is one event, delivered at the end. */
export function createJsonBodyReader(
  handler: FrameHandler,
  maxBodyChars: number = DEFAULT_MAX_EVENT_SIZE,
): FrameDecoder {
  const decoder = new TextDecoder('utf-8');
  const pieces: string[] = [];
  let length = 0;
  let events = 0;
  let failed = false;

  function feed(text: string): void {
    if (failed || text.length === 0) return;
    length += text.length;
    if (length > maxBodyChars) {
      failed = true;
      handler.onOversized(maxBodyChars);
      return;
    }
    pieces.push(text);
  }

  return {
    push(bytes) {
      feed(decoder.decode(bytes, STREAM_DECODE));
    },
    end() {
      feed(decoder.decode());
      const body = pieces.join('');
      if (failed || body.trim() === '') return;
      events++;
      handler.onEvent(body, undefined);
    },
    get events() {
      return events;
    },
    get strayText() {
      return '';
    },
  };
}
