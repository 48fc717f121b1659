import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer } from '../../src/main/core/chat/delta-coalescer';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DeltaCoalescer', () => {
  it('hands on at most one batch per interval, in order, losing nothing', () => {
    const batches: string[] = [];
    const coalescer = new DeltaCoalescer(16, (text) => batches.push(text));
    // A 1,000 tokens/s stream for one second: a delta every millisecond.
    for (let ms = 0; ms < 1000; ms++) {
      coalescer.push('text', `${ms % 10}`);
      vi.advanceTimersByTime(1);
    }
    coalescer.flush();
    expect(batches.join('')).toBe(Array.from({ length: 1000 }, (_, ms) => `${ms % 10}`).join(''));
    // One batch per 16 ms window, plus the final flush.
    expect(batches).toHaveLength(Math.ceil(1000 / 16));
    expect(batches.slice(0, -1).every((batch) => batch.length === 16)).toBe(true);
  });

  it('keeps reasoning apart from text and emits nothing when nothing arrived', () => {
    const emitted: [string, string][] = [];
    const coalescer = new DeltaCoalescer(16, (text, reasoning) => emitted.push([text, reasoning]));
    coalescer.flush();
    coalescer.push('reasoning', 'Thinking… ');
    coalescer.push('text', 'Answer');
    vi.advanceTimersByTime(16);
    vi.advanceTimersByTime(100);
    expect(emitted).toEqual([['Answer', 'Thinking… ']]);
  });
});
