import { flushSync } from 'react-dom';
import type { FinishedRequest, TallychatEvent } from '../../../../shared/contract/events';
import { useConversations } from './conversations-store';
import { useLiveAnswers, type DeltaBatch } from './live-answers';
import { useNotices } from './notices-store';
import { useThread } from './thread-store';

let pending = new Map<string, DeltaBatch>();
let frame = 0;
let subscribed = false;
/** Requests whose end has been seen, in case it arrives before chatSend's own reply. */
const recentlyFinished = new Set<string>();
const RECENT_LIMIT = 50;

/**
 * Starts routing main's chat events into the stores, once for the app's life: an answer keeps
 * streaming (and finishes) while another screen is shown. Deltas are applied at most once per
 * animation frame, and rendered inside that frame (flushSync) so each paint shows the newest text.
 */
export function ensureChatEvents(): void {
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
      remember(event.request.requestId);
      useLiveAnswers.getState().finished(event.request);
      void settle(event.request);
      return;
    case 'budget.alert':
      useNotices.getState().spendChanged();
      return;
    case 'price.unknown':
      useNotices.getState().show({ level: 'warning', message: event.message });
      return;
    case 'app.notice':
      useNotices.getState().show({ level: event.level, message: event.message });
      return;
  }
}

export function hasFinished(requestId: string): boolean {
  return recentlyFinished.has(requestId);
}

function remember(requestId: string): void {
  recentlyFinished.add(requestId);
  if (recentlyFinished.size > RECENT_LIMIT) recentlyFinished.delete(recentlyFinished.values().next().value as string);
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
async function settle(request: FinishedRequest): Promise<void> {
  useNotices.getState().spendChanged();
  void useConversations.getState().refresh();
  const onScreen = () => request.conversationId !== null && useThread.getState().conversationId === request.conversationId;
  // If the reread fails the live answer stays, showing the figures main reported, beside the error.
  const reread = onScreen() && (await useThread.getState().reload());
  if (reread || !onScreen()) useLiveAnswers.getState().drop(request.requestId);
}
