import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { MessageView } from '../../../../shared/contract/chat-contract';
import { useStickToBottom } from '../hooks/use-stick-to-bottom';
import { liveAnswerIn, useLiveAnswers, type LiveAnswer } from '../state/live-answers';
import { resendLastTurn, sendMessage } from '../state/send-actions';
import { threadMessages, useThread, useThreadView } from '../state/thread-store';
import { AssistantMessage, turnOfLive, turnOfMessage, type AssistantTurn } from './AssistantMessage';
import { ArrowDownIcon } from './icons';
import { UserMessage } from './UserMessage';

type Row =
  | { key: string; kind: 'user'; message: MessageView; lastTurn: boolean }
  | { key: string; kind: 'assistant'; turn: AssistantTurn; lastTurn: boolean; chars: number };

/** A stored message's turn is built once per message object, so memoized rows stay memoized. */
const turns = new WeakMap<MessageView, AssistantTurn>();
function storedTurn(message: MessageView): AssistantTurn {
  let turn = turns.get(message);
  if (!turn) turns.set(message, (turn = turnOfMessage(message)));
  return turn;
}

function buildRows(messages: readonly MessageView[], live: LiveAnswer | undefined): Row[] {
  // Between the reread and dropping the live answer, the stored message already stands for it.
  const showLive = live !== undefined && !messages.some((m) => m.request?.requestId === live.requestId);
  const lastUser = messages.findLastIndex((m) => m.role === 'user');
  const rows: Row[] = messages.map((message, index) =>
    message.role === 'assistant'
      ? {
          key: message.request?.requestId ?? message.id,
          kind: 'assistant',
          turn: storedTurn(message),
          lastTurn: !showLive && index === messages.length - 1 && index > lastUser,
          chars: message.content.length,
        }
      : { key: message.id, kind: 'user', message, lastTurn: !showLive && index === lastUser },
  );
  if (showLive) rows.push({ key: live.requestId, kind: 'assistant', turn: turnOfLive(live), lastTurn: false, chars: live.text.length });
  return rows;
}

/** A first guess at a row's height, replaced by its measured height once rendered. */
function estimateHeight(row: Row | undefined): number {
  if (!row) return 80;
  const chars = row.kind === 'user' ? row.message.content.length : row.chars;
  const lines = Math.ceil(chars / 95);
  return (row.kind === 'user' ? 64 : 96) + lines * 22;
}

const resendEdited = (text: string) => {
  const messages = threadMessages();
  const last = messages.findLast((m) => m.role === 'user');
  if (last) void sendMessage({ text, replaceFromMessageId: last.id });
};
const resend = () => void resendLastTurn();

/**
 * The conversation, virtualized: only the rows near the viewport are in the DOM, each measured
 * once rendered, so a thousand-message conversation scrolls like a short one.
 */
export function MessageList() {
  const { conversationId, messages } = useThreadView();
  const sending = useThread((s) => s.sending);
  const live = useLiveAnswers((s) => liveAnswerIn(s.answers, conversationId));
  const busy = sending || (live !== undefined && live.finished === null);
  const rows = useMemo(() => buildRows(messages, live), [messages, live]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimateHeight(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 6,
  });
  const { onScroll, atBottom, jumpToBottom } = useStickToBottom(scroller, conversationId);

  return (
    <div className="message-pane">
      <div className="message-scroller" ref={scroller} onScroll={onScroll}>
        <div className="message-canvas" role="log" aria-label="Messages" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div key={item.key} className="message-row" data-index={item.index} ref={virtualizer.measureElement} style={{ transform: `translateY(${item.start}px)` }}>
              {row.kind === 'user' ? (
                <UserMessage message={row.message} canEdit={row.lastTurn && !busy} onResend={resendEdited} />
              ) : (
                <AssistantMessage turn={row.turn} canResend={row.lastTurn && !busy} onResend={resend} />
              )}
            </div>
          );
        })}
        </div>
      </div>
      {!atBottom && (
        <button type="button" className="jump-latest" onClick={jumpToBottom}>
          <ArrowDownIcon /> Latest
        </button>
      )}
    </div>
  );
}
