/**
 * A message split into top-level Markdown blocks, so a streaming answer re-parses only its last,
 * growing block: every earlier block is final and keeps its rendered tree. Boundaries are blank
 * lines outside fenced code, except where CommonMark would continue the block across them (an
 * indented continuation line, or the next item of the same list).
 */
export interface BlockSplit {
  source: string;
  /** Blocks that no later text can change. */
  done: readonly string[];
  /** Where the growing last block starts in `source`. */
  tailStart: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}([-+*]|\d{1,9}([.)]))(?:[ \t]|$)/;
const BLANK = /^[ \t]*$/;

export const EMPTY_SPLIT: BlockSplit = { source: '', done: [], tailStart: 0 };

/**
 * Splits `source`, resuming from `previous` when `source` extends it (the streaming case): only
 * the previous tail is scanned again, since a boundary is only ever placed outside a fence.
 */
export function splitBlocks(source: string, previous: BlockSplit = EMPTY_SPLIT): BlockSplit {
  const resume = source.startsWith(previous.source);
  const done = resume ? [...previous.done] : [];
  let blockStart = resume ? previous.tailStart : 0;
  let fence: string | null = null;
  let hasContent = false;
  let sawBlank = false;
  /** The list marker kind of the block's first line ("-", "*", "+", "." or ")"), if it is a list. */
  let listKind: string | null = null;

  // Only complete lines decide anything: a half-received line may still become a fence or a list item.
  for (let at = blockStart, end = source.indexOf('\n', at); end >= 0; at = end + 1, end = source.indexOf('\n', at)) {
    const line = source.slice(at, end);
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    if (BLANK.test(line)) {
      sawBlank = hasContent;
      continue;
    }
    if (sawBlank && startsNewBlock(line, listKind)) {
      done.push(blockText(source.slice(blockStart, at)));
      blockStart = at;
      hasContent = false;
    }
    if (!hasContent) listKind = listKindOf(line);
    hasContent = true;
    sawBlank = false;
    fence = FENCE.exec(line)?.[1] ?? null;
  }
  return { source, done, tailStart: blockStart };
}

/** The blocks to render: the final ones, then the tail when it has any text. */
export function blocksOf(split: BlockSplit): string[] {
  const tail = blockText(split.source.slice(split.tailStart));
  return tail ? [...split.done, tail] : [...split.done];
}

/** Blank lines around a block go, but not its first line's indentation: four spaces make a code block. */
function blockText(raw: string): string {
  return raw.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/** After a blank line: an indented line continues the block, and so does the next item of its list. */
function startsNewBlock(line: string, listKind: string | null): boolean {
  if (line.startsWith(' ') || line.startsWith('\t')) return false;
  return listKind === null || listKindOf(line) !== listKind;
}

function listKindOf(line: string): string | null {
  const match = LIST_ITEM.exec(line);
  return match ? (match[2] ?? match[1]!) : null;
}

function closesFence(line: string, opener: string): boolean {
  const match = FENCE.exec(line);
  const marker = match?.[1];
  return marker !== undefined && marker[0] === opener[0] && marker.length >= opener.length && BLANK.test(line.slice(match![0].length));
}
