import { memo } from 'react';
import type { AnswerSource } from '../../../../shared/answer-source';
import type { MessageView, RequestMeta } from '../../../../shared/contract/chat-contract';
import { MarkdownView } from '../markdown/MarkdownView';
import { AnswerSources } from './AnswerSources';
import type { LiveAnswer } from '../state/live-answers';
import { LiveChip, MetaChip } from './MetaChip';

export interface AssistantTurn {
  text: string;
  reasoning: string | null;
  /** Text is still arriving. */
  streaming: boolean;
  meta: RequestMeta | null;
  live: LiveAnswer | null;
  failed: boolean;
  sources: AnswerSource[];
}

interface Props {
  turn: AssistantTurn;
  /** Last turn, nothing running: Retry / Regenerate are offered. */
  canResend: boolean;
  onResend(): void;
}

function stoppedLabel(meta: RequestMeta | null): string | null {
  if (!meta) return null;
  if (meta.status === 'interrupted') return 'interrupted';
  if (meta.status !== 'cancelled') return null;
  if (meta.cancelReason === 'budget') return 'stopped at the cap';
  if (meta.cancelReason === 'shutdown') return 'stopped when the app closed';
  return 'stopped';
}

/** One answer: reasoning (folded), Markdown, how it ended, and what it cost. */
export const AssistantMessage = memo(function AssistantMessage({ turn, canResend, onResend }: Props) {
  const stopped = stoppedLabel(turn.meta);
  const error = turn.meta?.status === 'failed' || turn.failed ? (turn.meta?.error ?? 'The request failed.') : null;
  return (
    <article
      className={`message assistant${turn.streaming ? ' streaming' : ''}`}
      aria-label="Assistant message"
      aria-busy={turn.streaming}
      data-streaming-chars={turn.streaming ? turn.text.length : undefined}
    >
      {turn.reasoning && (
        <details className="reasoning">
          <summary>Reasoning{turn.streaming && !turn.text ? ' (thinking…)' : ''}</summary>
          <div className="reasoning-text">{turn.reasoning}</div>
        </details>
      )}
      {turn.text && <MarkdownView source={turn.text} streaming={turn.streaming} />}
      {turn.streaming && !turn.text && !turn.reasoning && <div className="typing" aria-label="Waiting for the answer" />}
      {turn.sources.length > 0 && <AnswerSources sources={turn.sources} />}
      {stopped && <p className="message-flag">{stopped}</p>}
      {error !== null && (
        <div className="message-error" role="alert">
          <p>{error}</p>
          {canResend && (
            <button type="button" className="button" onClick={onResend}>
              Retry
            </button>
          )}
        </div>
      )}
      <div className="message-footer">
        {turn.meta ? <MetaChip meta={turn.meta} /> : turn.live && <LiveChip live={turn.live} />}
        {canResend && error === null && (
          <button type="button" className="link-button" onClick={onResend}>
            Regenerate
          </button>
        )}
      </div>
    </article>
  );
});

export function turnOfMessage(message: MessageView): AssistantTurn {
  return {
    text: message.content,
    reasoning: message.reasoningText,
    streaming: false,
    meta: message.request,
    live: null,
    failed: message.status === 'failed',
    sources: message.sources,
  };
}

export function turnOfLive(live: LiveAnswer): AssistantTurn {
  return {
    text: live.text,
    reasoning: live.reasoning || null,
    streaming: live.finished === null,
    meta: live.finished,
    live,
    failed: live.finished?.status === 'failed',
    sources: live.sources,
  };
}
