import { describe, expect, it } from 'vitest';
import { ContentChunkTemplate } from '../../src/main/core/providers/content-chunk-template';
import { seededRandom } from '../helpers/seeded-random';

const HEAD = { id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT', object: 'chat.completion.chunk', created: 1741569952, model: 'gpt-4o-2024-08-06', service_tier: 'default', system_fingerprint: 'fp_fc9f1d7035' };
const chunk = (content: string, choice: Record<string, unknown> = {}) => ({
  ...HEAD,
  choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null, ...choice }],
});
const POOL = ['a', 'Z', ' ', '"', '\\', '\n', '\t', '\u0001', '\u001f', '/', 'é', '世', '🌍', '\u2028', '}', ']', ',', ':', '{', 'null', '\\u0041', '"x":"'];

function randomText(random: () => number, length: number): string {
  return Array.from({ length }, () => POOL[Math.floor(random() * POOL.length)]).join('');
}

function learned(): ContentChunkTemplate {
  const template = new ContentChunkTemplate();
  const first = JSON.stringify(chunk('the'));
  template.learn(first, JSON.parse(first) as Record<string, unknown>);
  return template;
}

describe('reading a content chunk by its learned frame gives exactly what JSON.parse gives', () => {
  it('reads any content, escapes and all, as JSON.parse does (2,000 random texts)', () => {
    const template = learned();
    const random = seededRandom(1601);
    for (let i = 0; i < 2000; i++) {
      const content = randomText(random, Math.floor(random() * 12));
      expect(template.match(JSON.stringify(chunk(content)))).toBe(content);
    }
  });

  it('matches a body only when the whole event is that chunk: for any text between the frame, a match equals JSON.parse (5,000 random bodies)', () => {
    const template = learned();
    const frame = JSON.stringify(chunk('\u0000')).split('\\u0000');
    expect(frame).toHaveLength(2);
    const random = seededRandom(1602);
    let matched = 0;
    for (let i = 0; i < 5000; i++) {
      const data = `${frame[0]}${randomText(random, Math.floor(random() * 8))}${frame[1]}`;
      const read = template.match(data);
      if (read === undefined) continue;
      matched += 1;
      expect(JSON.parse(data)).toEqual(chunk(read));
    }
    expect(matched).toBeGreaterThan(500);
  });

  it.each([
    ['a finish reason', { ...chunk('x'), choices: [{ index: 0, delta: { content: 'x' }, logprobs: null, finish_reason: 'stop' }] }],
    ['usage', { ...chunk('x'), usage: { prompt_tokens: 1, completion_tokens: 1 } }],
    ['a role beside the content', { ...chunk('x'), choices: [{ index: 0, delta: { role: 'assistant', content: 'x' }, logprobs: null, finish_reason: null }] }],
    ['two choices', { ...chunk('x'), choices: [chunk('x').choices[0], { ...chunk('y').choices[0], index: 1 }] }],
    ['another field', { ...chunk('x'), citations: ['https://example.org'] }],
    ['logprobs', { ...chunk('x'), choices: [{ index: 0, delta: { content: 'x' }, logprobs: { content: [] }, finish_reason: null }] }],
  ])('learns nothing from a chunk with %s, so later events are read whole', (_what, body) => {
    const template = new ContentChunkTemplate();
    const data = JSON.stringify(body);
    template.learn(data, JSON.parse(data) as Record<string, unknown>);
    expect(template.match(JSON.stringify(chunk('later')))).toBeUndefined();
  });

  it('a learned frame does not match a chunk that differs anywhere but its content', () => {
    const template = learned();
    expect(template.match(JSON.stringify({ ...chunk('x'), choices: [{ index: 0, delta: { content: 'x' }, logprobs: null, finish_reason: 'stop' }] }))).toBeUndefined();
    expect(template.match(JSON.stringify({ ...chunk('x'), usage: { prompt_tokens: 1 } }))).toBeUndefined();
    expect(template.match(JSON.stringify({ ...chunk('x'), id: 'chatcmpl-other' }))).toBeUndefined();
    expect(template.match('[DONE]')).toBeUndefined();
  });
});

describe('matching an event in its bytes is matching its decoded text', () => {
  it('gives what the text match gives, for random bodies of random bytes (UTF-8 or not), 5,000 times', () => {
    const template = learned();
    const [before, after] = JSON.stringify(chunk('\u0000')).split('\\u0000').map((part) => Buffer.from(part!, 'utf8'));
    const random = seededRandom(1603);
    const BYTES = [0x61, 0x20, 0x22, 0x5c, 0x0a, 0x01, 0x7d, 0xc3, 0xa9, 0xe4, 0xb8, 0x96, 0xf0, 0x9f, 0x8c, 0x8d, 0x80, 0xff];
    let decodedBoth = 0;
    for (let i = 0; i < 5000; i++) {
      const body = Buffer.from(Array.from({ length: Math.floor(random() * 10) }, () => BYTES[Math.floor(random() * BYTES.length)]!));
      // Padding on both sides: the event sits inside a larger chunk, as it does in the reader.
      const bytes = Buffer.concat([Buffer.from('xx'), before!, body, after!, Buffer.from('\n\n')]);
      const fromBytes = template.matchBytes(bytes, 2, bytes.length - 2);
      expect(fromBytes).toBe(template.match(bytes.toString('utf8', 2, bytes.length - 2)));
      if (fromBytes !== undefined) decodedBoth++;
    }
    expect(decodedBoth).toBeGreaterThan(500);
  });

  it('matches nothing before a chunk has been learned, and nothing but the learned frame after', () => {
    const fresh = new ContentChunkTemplate();
    const bytes = Buffer.from(JSON.stringify(chunk('x')));
    expect(fresh.matchBytes(bytes, 0, bytes.length)).toBeUndefined();
    const other = Buffer.from(JSON.stringify({ ...chunk('x'), id: 'chatcmpl-other' }));
    expect(learned().matchBytes(other, 0, other.length)).toBeUndefined();
    expect(learned().matchBytes(bytes, 0, bytes.length)).toBe('x');
  });
});

describe("OpenAI's padding: a second value that varies from chunk to chunk, checked and skipped", () => {
  const padded = (content: string, obfuscation: string) => ({ ...chunk(content), usage: null, obfuscation });

  function learnedPadded(): ContentChunkTemplate {
    const template = new ContentChunkTemplate();
    const first = JSON.stringify(padded('the', 'Xq3'));
    template.learn(first, JSON.parse(first) as Record<string, unknown>);
    return template;
  }

  it('reads the content of chunks whose padding differs, as text and as bytes (2,000 random pairs)', () => {
    const template = learnedPadded();
    const random = seededRandom(1604);
    for (let i = 0; i < 2000; i++) {
      const content = randomText(random, Math.floor(random() * 10));
      const data = JSON.stringify(padded(content, randomText(random, Math.floor(random() * 16))));
      expect(template.match(data)).toBe(content);
      const bytes = Buffer.from(data);
      expect(template.matchBytes(bytes, 0, bytes.length)).toBe(content);
    }
  });

  it('a match equals JSON.parse, whatever fills the two holes (5,000 random fillings)', () => {
    const template = learnedPadded();
    const [a, b, c] = JSON.stringify(padded('\u0000', '\u0001')).split(/\\u000[01]/);
    const random = seededRandom(1605);
    let matched = 0;
    for (let i = 0; i < 5000; i++) {
      const content = randomText(random, Math.floor(random() * 6));
      const data = `${a}${content}${b}${randomText(random, Math.floor(random() * 6))}${c}`;
      const read = template.match(data);
      const bytes = Buffer.from(data);
      expect(template.matchBytes(bytes, 0, bytes.length)).toBe(read);
      if (read === undefined) continue;
      matched++;
      const parsed = JSON.parse(data) as ReturnType<typeof padded>;
      expect(parsed).toEqual(padded(read, parsed.obfuscation));
    }
    expect(matched).toBeGreaterThan(500);
  });
});
