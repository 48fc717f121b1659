import { createParser, type EventSourceMessage, type ParseError } from 'eventsource-parser';
import { DEFAULT_MAX_EVENT_CHARS, STREAM_DECODE, type FrameDecoder, type FrameHandler } from './frame-decoder';

const STRAY_TEXT_CHARS = 200;
const LF = 10;
const CR = 13;

/**
 * Server-sent events per the WHATWG rules (eventsource-parser does the line work): data lines
 * joined with "\n", comments such as ": OPENROUTER PROCESSING" skipped, LF / CR / CRLF all end a
 * line. Bytes are decoded as one stream so a UTF-8 character split between chunks stays whole.
 */
export function createSseEventReader(
  handler: FrameHandler,
  maxEventChars: number = DEFAULT_MAX_EVENT_CHARS,
): FrameDecoder {
  const decoder = new TextDecoder('utf-8');
  let events = 0;
  let strayText = '';
  let failed = false;
  let endsWithNewline = false;

  const parser = createParser({
    maxBufferSize: maxEventChars,
    onEvent(message: EventSourceMessage) {
      events++;
      handler.onEvent(message.data, message.event);
    },
    onError(error: ParseError) {
      if (error.type === 'max-buffer-size-exceeded') {
        failed = true;
        handler.onOversized(maxEventChars);
      } else if (strayText.length < STRAY_TEXT_CHARS && error.line !== undefined) {
        strayText = `${strayText}${error.line}\n`.slice(0, STRAY_TEXT_CHARS);
      }
    },
  });

  function feed(text: string): void {
    if (failed || text.length === 0) return;
    const last = text.charCodeAt(text.length - 1);
    endsWithNewline = last === LF || last === CR;
    parser.feed(text);
  }

  return {
    push(bytes) {
      feed(decoder.decode(bytes, STREAM_DECODE));
    },
    end() {
      feed(decoder.decode());
      // A server that closes right after its last complete line, without the blank line that
      // ends the event, still sent that event whole; a line cut in the middle is not flushed.
      if (endsWithNewline) feed('\n');
    },
    get events() {
      return events;
    },
    get strayText() {
      return strayText;
    },
  };
}
