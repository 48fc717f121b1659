import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK_PX = 32;

/**
 * Keeps a scroll container pinned to its end while content grows (a streaming answer), until
 * the user scrolls up; scrolling back to the end pins it again. Growth never unpins: only a
 * scroll position that went up does. Runs after every commit of the caller, before paint.
 */
export function useStickToBottom(scroller: RefObject<HTMLElement | null>, resetKey: unknown) {
  const pinned = useRef(true);
  const lastTop = useRef(0);
  const [atBottom, setAtBottom] = useState(true);

  useLayoutEffect(() => {
    pinned.current = true;
    setAtBottom(true);
  }, [resetKey]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned.current && el.scrollHeight - el.clientHeight - el.scrollTop > 1) {
      el.scrollTop = el.scrollHeight;
      lastTop.current = el.scrollTop;
    }
  });

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const distance = el.scrollHeight - el.clientHeight - el.scrollTop;
    if (distance <= BOTTOM_SLACK_PX) pinned.current = true;
    else if (el.scrollTop < lastTop.current - 1) pinned.current = false;
    lastTop.current = el.scrollTop;
    setAtBottom(pinned.current);
  }, [scroller]);

  const jumpToBottom = useCallback(() => {
    const el = scroller.current;
    pinned.current = true;
    setAtBottom(true);
    if (el) el.scrollTop = el.scrollHeight;
  }, [scroller]);

  return { onScroll, atBottom, jumpToBottom };
}
