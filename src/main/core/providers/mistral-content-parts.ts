import { isObject } from './json-guards';
import type { PartSink } from './part-sink';

/**
 * Mistral's reasoning models send `content` as typed parts instead of a string:
 * `{type:'text', text}` for the answer and `{type:'thinking', thinking:[{type:'text', text}]}`
 * for the reasoning shown apart. Other parts (references) carry no text of their own.
 */
export function readContentParts(sink: PartSink, parts: readonly unknown[]): void {
  for (const part of parts) {
    if (!isObject(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') sink.text(part.text);
    else if (part.type === 'thinking') readThinking(sink, part.thinking);
  }
}

function readThinking(sink: PartSink, thinking: unknown): void {
  if (typeof thinking === 'string') return sink.reasoning(thinking);
  if (!Array.isArray(thinking)) return;
  for (const inner of thinking) {
    if (isObject(inner) && inner.type === 'text' && typeof inner.text === 'string') sink.reasoning(inner.text);
  }
}
