import { flushSync } from 'react-dom';
import type { TallychatEvent } from '../../../shared/contract/events';
import { useLiveAnswers, type DeltaBatch } from '../chat/state/live-answers';
import { useNotices } from '../chat/state/notices-store';
import { useThread } from '../chat/state/thread-store';
import { showBrowserNotification } from '../alerts/browser-notifications';
import { queryClient, queryKeys, spendMoved, threadQuery } from './server-state';

let pending = new Map<string, DeltaBatch>();
let frame = 0;
let subscribed = false;

/**
 * The renderer's one subscriber to main's events, for the app's life: streaming deltas go to the
 * live answers (at most once per animation frame, rendered inside it with flushSync so each paint
 * shows the newest text); everything else invalidates the query keys whose data moved.
 */
export function subscribeToServerEvents(): void {
  if (subscribed) return;
  subscribed = true;
  window.tallychat.onEvent(route);
}

function route(event: TallychatEvent): void {
  switch (event.type) {
    case 'chat.delta': {
      const queued = pending.get(event.requestId);
      pending.set(event.requestId, {
        conversationId: event.conversationId,
        text: (queued?.text ?? '') + event.text,
        reasoning: (queued?.reasoning ?? '') + event.reasoning,
        runningCostNanos: event.runningCostNanos,
        outputTokensSoFar: event.outputTokensSoFar,
      });
      frame ||= requestAnimationFrame(flushDeltas);
      return;
    }
    case 'chat.finished':
      flushDeltas();
      useLiveAnswers.getState().finished(event.request, event.meta);
      spendMoved();
      void settle(event.request.requestId, event.request.conversationId);
      return;
    case 'spend.alert':
      showBrowserNotification(event.alert);
      return;
    case 'price.unknown':
      useNotices.getState().show({ level: 'warning', message: event.message });
      return;
    case 'devices.synced':
      void queryClient.invalidateQueries({ queryKey: queryKeys.devices });
      // Another device's rows arrived: the month's caps, Spending and estimates moved.
      if (event.added > 0) spendMoved();
      return;
    case 'app.notice':
      useNotices.getState().show({ level: event.level, message: event.message });
      return;
    case 'host.reconnected':
      void catchUp();
      return;
  }
}

/** After a break in the link every read may be stale, and an answer may have ended unseen: read again. */
async function catchUp(): Promise<void> {
  await queryClient.invalidateQueries();
  const { conversationId } = useThread.getState();
  if (conversationId === null) return;
  const stored = queryClient.getQueryData(threadQuery(conversationId).queryKey)?.messages ?? [];
  for (const message of stored) if (message.request) useLiveAnswers.getState().drop(message.request.requestId);
}

function flushDeltas(): void {
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  if (pending.size === 0) return;
  const batches = pending;
  pending = new Map();
  flushSync(() => useLiveAnswers.getState().applyDeltas(batches));
}

/** Replaces the live answer with the stored message, read back with the ledger's own figures. */
async function settle(requestId: string, conversationId: string | null): Promise<void> {
  const onScreen = conversationId !== null && useThread.getState().conversationId === conversationId;
  if (onScreen) {
    const query = threadQuery(conversationId);
    await queryClient.invalidateQueries({ queryKey: query.queryKey });
    // If the reread failed the live answer stays, showing the figures main reported, beside the error.
    if (queryClient.getQueryState(query.queryKey)?.status === 'error') return;
  }
  useLiveAnswers.getState().drop(requestId);
}
