import { DEFAULT_MAX_EVENT_SIZE, STREAM_DECODE, type FrameDecoder, type FrameHandler } from './frame-decoder';
import { tryParseJson } from './json-guards';

/**
 * Newline-delimited JSON (Ollama's native API): one event per non-blank line. A last line the
 * server did not end with a newline counts only if it is whole JSON, so a cut line reads as
 * truncation rather than as garbage.
 */
export function createNdjsonLineReader(
  handler: FrameHandler,
  maxEventChars: number = DEFAULT_MAX_EVENT_SIZE,
): FrameDecoder {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let events = 0;
  let failed = false;

  function emit(line: string): void {
    if (line.trim() === '') return;
    events++;
    handler.onEvent(line, undefined);
  }

  function feed(text: string): void {
    if (failed) return;
    const firstNewline = text.indexOf('\n');
    // Most chunks end mid-line: only text that holds a newline needs joining with the rest.
    if (firstNewline === -1) return keep(pending + text);
    const buffer = pending + text;
    let start = 0;
    let newline = pending.length + firstNewline;
    while (newline !== -1) {
      const end = newline > start && buffer.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      emit(buffer.slice(start, end));
      start = newline + 1;
      newline = buffer.indexOf('\n', start);
    }
    keep(buffer.slice(start));
  }

  function keep(rest: string): void {
    if (rest.length > maxEventChars) {
      failed = true;
      handler.onOversized(maxEventChars);
      return;
    }
    pending = rest;
  }

  return {
    push(bytes) {
      feed(decoder.decode(bytes, STREAM_DECODE));
    },
    end() {
      feed(decoder.decode());
      if (!failed && tryParseJson(pending) !== undefined) emit(pending);
      pending = '';
    },
    get events() {
      return events;
    },
    get strayText() {
      return '';
    },
  };
}
