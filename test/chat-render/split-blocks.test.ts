import { describe, expect, it } from 'vitest';
import { blocksOf, splitBlocks, type BlockSplit } from '../../src/renderer/src/chat/markdown/split-blocks';

const split = (text: string) => blocksOf(splitBlocks(text));

/** Feeds `text` in pieces of `step` characters, as a stream would, resuming each time. */
function streamed(text: string, step: number): { final: BlockSplit; history: BlockSplit[] } {
  const history: BlockSplit[] = [];
  let current = splitBlocks('');
  for (let end = step; end < text.length + step; end += step) {
    current = splitBlocks(text.slice(0, end), current);
    history.push(current);
  }
  return { final: current, history };
}

const ANSWER = [
  '# Title',
  '',
  'A paragraph\nover two lines.',
  '',
  '```ts\nconst a = 1;\n\n\nconst b = 2;\n```',
  '',
  '- item one\n\n- item two\n\n  continued inside item two',
  '',
  '1. first\n2. second',
  '',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '',
  '~~~\nfence with ``` inside\n\n~~~',
  '',
  '> quote',
  '',
  'Last paragraph.',
  '',
].join('\n');

describe('splitBlocks', () => {
  it('splits at blank lines, but never inside fenced code, a list, or an indented continuation', () => {
    expect(split(ANSWER)).toEqual([
      '# Title',
      'A paragraph\nover two lines.',
      '```ts\nconst a = 1;\n\n\nconst b = 2;\n```',
      '- item one\n\n- item two\n\n  continued inside item two',
      '1. first\n2. second',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '~~~\nfence with ``` inside\n\n~~~',
      '> quote',
      'Last paragraph.',
    ]);
  });

  it('an unclosed fence keeps everything after it in the growing block', () => {
    const text = 'Intro.\n\n```py\nx = 1\n\n\ny = 2\n';
    const result = splitBlocks(text);
    expect(result.done).toEqual(['Intro.']);
    expect(text.slice(result.tailStart)).toBe('```py\nx = 1\n\n\ny = 2\n');
  });

  it('a last line without its newline stays undecided: the growing block may hold two blocks', () => {
    expect(split('> quote\n\nLast paragraph.')).toEqual(['> quote\n\nLast paragraph.']);
    expect(split('> quote\n\nLast paragraph.\n')).toEqual(['> quote', 'Last paragraph.']);
  });

  it('keeps the indentation of an indented code block at the start', () => {
    expect(split('\n    indented code\n\nText.\n')).toEqual(['    indented code', 'Text.']);
  });

  it('decides nothing on a half-received line', () => {
    // "  more" could still become an indented continuation: the paragraph is not final yet.
    expect(splitBlocks('Para one.\n\n  mo').done).toEqual([]);
    expect(splitBlocks('Para one.\n\nNext').done).toEqual([]);
    expect(splitBlocks('Para one.\n\nNext\n').done).toEqual(['Para one.']);
  });

  for (const step of [1, 3, 8, 80]) {
    it(`streaming ${step} characters at a time gives the same blocks, and a finished block never changes`, () => {
      const { final, history } = streamed(ANSWER, step);
      expect(blocksOf(final)).toEqual(split(ANSWER));
      const finalDone = final.done;
      for (const state of history) expect(finalDone.slice(0, state.done.length)).toEqual(state.done);
    });
  }

  it('starts over when the text is not an extension of the previous one', () => {
    const first = splitBlocks('Alpha.\n\nBeta.\n');
    expect(blocksOf(splitBlocks('Gamma.\n\nDelta.\n', first))).toEqual(['Gamma.', 'Delta.']);
  });
});
