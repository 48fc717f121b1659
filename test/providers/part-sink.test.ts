import { describe, expect, it } from 'vitest';
import { errorContext } from '../../src/main/core/providers/error-factory';
import { PartSink } from '../../src/main/core/providers/part-sink';

const sink = () => new PartSink(errorContext({ kind: 'openai', displayName: 'OpenAI', baseUrl: 'https://api.openai.com/v1' }));

describe('PartSink batches', () => {
  it('joins consecutive deltas of one kind into one part, in order, and starts afresh after a drain', () => {
    const s = sink();
    s.reasoning('Let me ');
    s.reasoning('think.');
    s.text('Hel');
    s.text('');
    s.text('lo');
    s.reasoning(' Again.');
    s.text(' world');
    s.reportUsage({ inputTokens: 3, outputTokens: 2, raw: { prompt_tokens: 3 } });
    s.text('!');
    expect(s.drain()).toEqual([
      { type: 'reasoning-delta', text: 'Let me think.' },
      { type: 'text-delta', text: 'Hello' },
      { type: 'reasoning-delta', text: ' Again.' },
      { type: 'text-delta', text: ' world' },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 2, raw: { prompt_tokens: 3 } } },
      { type: 'text-delta', text: '!' },
    ]);
    s.text('next');
    s.text(' batch');
    expect(s.drain()).toEqual([{ type: 'text-delta', text: 'next batch' }]);
    expect(s.drain()).toEqual([]);
  });

  it('takes no delta after the terminal part', () => {
    const s = sink();
    s.text('kept');
    s.finish('stop');
    s.text(' dropped');
    expect(s.drain()).toEqual([{ type: 'text-delta', text: 'kept' }]);
    expect(s.terminal).toEqual({ type: 'finish', finishReason: 'stop' });
  });
});
