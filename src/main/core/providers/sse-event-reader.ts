import { DEFAULT_MAX_EVENT_SIZE, type FrameDecoder, type FrameHandler } from './frame-decoder';

const STRAY_TEXT_CHARS = 200;
const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;

/**
 * Server-sent events per the WHATWG rules: data lines joined with "\n", comments such as
 * ": OPENROUTER PROCESSING" skipped, LF / CR / CRLF all end a line, a leading byte order mark
 * dropped. Lines are found in the bytes and only a field's value is decoded, each on its own:
 * a UTF-8 character split between chunks is always inside a line still being held, and an
 * event's JSON comes out as a small string of its own (one byte a character when it is ASCII)
 * rather than as a slice that keeps a whole decoded chunk alive, which is what JSON.parse and
 * the garbage collector pay for at tens of thousands of events a second.
 *
 * The limit counts an event's bytes: those of its data lines so far and of a line not yet ended.
 */
export function createSseEventReader(handler: FrameHandler, maxEventBytes: number = DEFAULT_MAX_EVENT_SIZE): FrameDecoder {
  /** Copies of the bytes of a line whose end has not arrived yet. */
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let data = '';
  let dataLines = 0;
  let dataBytes = 0;
  let eventType: string | undefined;
  let events = 0;
  let strayText = '';
  let failed = false;
  let firstLine = true;
  /** The last chunk ended on a CR: an LF opening the next one belongs to that line end. */
  let crEndedChunk = false;

  function dispatch(): void {
    if (dataLines > 0) {
      events++;
      handler.onEvent(data, eventType);
    }
    data = '';
    dataLines = 0;
    dataBytes = 0;
    eventType = undefined;
  }

  function tooLarge(bytes: number): boolean {
    if (bytes <= maxEventBytes) return false;
    failed = true;
    held = [];
    heldBytes = 0;
    handler.onOversized(maxEventBytes);
    return true;
  }

  function addData(value: string, bytes: number): void {
    dataBytes += dataLines === 0 ? bytes : bytes + 1;
    if (tooLarge(dataBytes)) return;
    data = dataLines === 0 ? value : `${data}\n${value}`;
    dataLines++;
  }

  function readLine(line: Buffer, from: number, end: number): void {
    let start = from;
    if (firstLine) {
      firstLine = false;
      if (end - start >= 3 && line[start] === 0xef && line[start + 1] === 0xbb && line[start + 2] === 0xbf) start += 3;
    }
    if (start === end) return dispatch();
    const first = line[start];
    if (first === COLON) return;
    // The two fields every event carries are read without decoding their names.
    if (end - start >= 5 && first === 100 && line[start + 1] === 97 && line[start + 2] === 116 && line[start + 3] === 97 && line[start + 4] === COLON) {
      const valueStart = line[start + 5] === SPACE ? start + 6 : start + 5;
      return addData(line.toString('utf8', valueStart, end), end - valueStart);
    }
    if (
      end - start >= 6 &&
      first === 101 &&
      line[start + 1] === 118 &&
      line[start + 2] === 101 &&
      line[start + 3] === 110 &&
      line[start + 4] === 116 &&
      line[start + 5] === COLON
    ) {
      eventType = line.toString('utf8', line[start + 6] === SPACE ? start + 7 : start + 6, end) || undefined;
      return;
    }
    readOtherField(line.toString('utf8', start, end));
  }

  function readOtherField(text: string): void {
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? '' : text.slice(text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    switch (field) {
      case 'data':
        return addData(value, Buffer.byteLength(value));
      case 'event':
        eventType = value || undefined;
        return;
      case 'id':
        // Reconnection is not ours to do (a call is one request), so the last event id is unused.
        return;
      case 'retry':
        if (!/^\d+$/.test(value)) keepStray(text);
        return;
      default:
        keepStray(text);
    }
  }

  function keepStray(line: string): void {
    if (strayText.length < STRAY_TEXT_CHARS) strayText = `${strayText}${line}\n`.slice(0, STRAY_TEXT_CHARS);
  }

  /**
   * `data: …` then a blank line, both in this chunk, with no other line of the event before it:
   * offered to the handler as bytes (FrameHandler.onDataBytes). False leaves the line to readLine.
   */
  function readWholeDataEvent(chunk: Buffer, start: number, end: number): boolean {
    if (!handler.onDataBytes || firstLine || dataLines > 0 || eventType !== undefined || end - start < 5) return false;
    if (chunk[start] !== 100 || chunk[start + 1] !== 97 || chunk[start + 2] !== 116 || chunk[start + 3] !== 97 || chunk[start + 4] !== COLON) return false;
    const valueStart = chunk[start + 5] === SPACE ? start + 6 : start + 5;
    if (end - valueStart > maxEventBytes || !handler.onDataBytes(chunk, valueStart, end)) return false;
    events++;
    return true;
  }

  /** The held start of a line, joined with its end in this chunk. */
  function readHeldLine(chunk: Buffer, start: number, end: number): void {
    held.push(chunk.subarray(start, end));
    const line = Buffer.concat(held, heldBytes + end - start);
    held = [];
    heldBytes = 0;
    readLine(line, 0, line.length);
  }

  function hold(chunk: Buffer, start: number): void {
    // A copy: the chunk's memory is the stream's, and the line may wait for many chunks.
    held.push(Buffer.from(chunk.subarray(start)));
    heldBytes += chunk.length - start;
    tooLarge(heldBytes + dataBytes);
  }

  return {
    push(bytes) {
      if (failed || bytes.length === 0) return;
      const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      let at = 0;
      if (crEndedChunk) {
        crEndedChunk = false;
        if (chunk[0] === LF) at = 1;
      }
      // Where the next CR and LF are, each looked up again only once passed: most streams hold no CR.
      let nextCr = chunk.indexOf(CR, at);
      let nextLf = chunk.indexOf(LF, at);
      for (;;) {
        if (nextCr !== -1 && nextCr < at) nextCr = chunk.indexOf(CR, at);
        if (nextLf !== -1 && nextLf < at) nextLf = chunk.indexOf(LF, at);
        const end = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextCr, nextLf);
        if (end === -1) break;
        if (heldBytes === 0 && end === nextLf && chunk[end + 1] === LF && readWholeDataEvent(chunk, at, end)) {
          at = end + 2;
          continue;
        }
        if (heldBytes > 0) readHeldLine(chunk, at, end);
        else readLine(chunk, at, end);
        if (failed) return;
        at = end + 1;
        if (end === nextCr) {
          if (at === chunk.length) crEndedChunk = true;
          else if (chunk[at] === LF) at++;
        }
      }
      if (at < chunk.length) hold(chunk, at);
    },
    end() {
      // A server that closes right after its last complete line, without the blank line that
      // ends the event, still sent that event whole; a line cut in the middle is not read.
      if (!failed && heldBytes === 0) dispatch();
      held = [];
      heldBytes = 0;
    },
    get events() {
      return events;
    },
    get strayText() {
      return strayText;
    },
  };
}
