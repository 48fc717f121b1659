import { memo, useMemo, useRef } from 'react';
import { blocksOf, EMPTY_SPLIT, splitBlocks, type BlockSplit } from './split-blocks';
import { renderMarkdown } from './render-markdown';

const Block = memo(function Block({ source, keep }: { source: string; keep: boolean }) {
  return renderMarkdown(source, keep);
});

/**
 * Markdown rendered block by block. While `streaming`, only the last block changes from one
 * frame to the next: the others are memoized on their text and keep their DOM.
 */
export function MarkdownView({ source, streaming }: { source: string; streaming: boolean }) {
  const previous = useRef<BlockSplit>(EMPTY_SPLIT);
  const blocks = useMemo(() => {
    previous.current = splitBlocks(source, previous.current);
    return blocksOf(previous.current);
  }, [source]);
  const last = blocks.length - 1;
  return (
    <div className="markdown">
      {blocks.map((block, index) => (
        // The growing block is not cached: each frame's version would evict a finished one.
        <Block key={index} source={block} keep={!streaming || index < last} />
      ))}
    </div>
  );
}
