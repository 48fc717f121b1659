import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_CHARS } from '../../../../shared/contract/chat-contract';
import { useEstimate } from '../hooks/use-estimate';
import { liveAnswerIn, useLiveAnswers } from '../state/live-answers';
import { useModels } from '../state/models-store';
import { useNotices } from '../state/notices-store';
import { applicableChoice, choiceKey, useReasoning } from '../state/reasoning-store';
import { sendMessage, stopAnswer } from '../state/send-actions';
import { useThread } from '../state/thread-store';
import { CapNotices, EstimateLine } from './EstimateNotes';
import { SendIcon, StopIcon } from './icons';
import { ModelPicker } from './ModelPicker';
import { ReasoningPicker } from './ReasoningPicker';

export const COMPOSER_INPUT_ID = 'chat-composer-input';
const MAX_INPUT_HEIGHT_PX = 240;

/**
 * The message box: Enter sends, Shift+Enter is a new line. Before sending it shows what the
 * message is estimated to cost and what the caps say; while an answer streams, Send is Stop.
 */
export function Composer() {
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const { providers, selected, select } = useModels();
  const conversationId = useThread((s) => s.conversationId);
  const sending = useThread((s) => s.sending);
  const sendError = useThread((s) => s.sendError);
  // A boolean, not the answer: the composer must not re-render on every streamed frame.
  const streaming = useLiveAnswers((s) => liveAnswerIn(s.answers, conversationId)?.finished === null);
  const notice = useNotices((s) => s.notice);
  const text = draft.trim();
  // Refused here, before the transport: a pasted book must not become a frame the server drops.
  const tooLong = text.length > MAX_MESSAGE_CHARS;
  const control = selected ? providers?.find((p) => p.id === selected.providerId)?.reasoning[selected.model] : undefined;
  const reasoning = applicableChoice(useReasoning((s) => s.choices[choiceKey(conversationId)]), control);
  const { estimate, error: estimateError } = useEstimate(tooLong ? '' : text, selected, conversationId, reasoning);

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_INPUT_HEIGHT_PX)}px`;
  }, [draft]);

  const submit = async (allowOverCap: boolean) => {
    if (!text || tooLong || streaming || sending) return;
    setDraft('');
    const sent = await sendMessage({ text, allowOverCap });
    // Nothing was sent: give the text back unless something new was typed meanwhile.
    if (!sent) setDraft((current) => (current === '' ? text : current));
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit(false);
    }
  };

  return (
    <div className="composer">
      {notice && (
        <div className={`notice ${notice.level === 'error' ? 'danger' : notice.level === 'warning' ? 'warn' : 'info'}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <p>{notice.message}</p>
          <button type="button" className="link-button" onClick={() => useNotices.getState().dismiss()}>
            Dismiss
          </button>
        </div>
      )}
      {tooLong && (
        <div className="notice danger" role="alert">
          <p>{tooLongMessage(text.length)}</p>
        </div>
      )}
      <CapNotices estimate={text && !tooLong ? estimate : null} sendError={sendError} busy={streaming || sending} onSendAnyway={() => void submit(true)} />
      <div className="composer-box">
        <textarea
          id={COMPOSER_INPUT_ID}
          ref={input}
          aria-label="Message"
          placeholder="Message — Enter to send, Shift+Enter for a new line"
          rows={1}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            if (sendError) useThread.getState().clearSendError();
          }}
          onKeyDown={onKeyDown}
        />
        <div className="composer-bar">
          <ModelPicker providers={providers ?? []} selected={selected} onSelect={select} />
          <ReasoningPicker control={control} choice={reasoning} onChoose={(choice) => useReasoning.getState().choose(conversationId, choice)} />
          <span className="composer-estimate" aria-live="polite">
            {text && estimate && <EstimateLine estimate={estimate} />}
            {text && estimateError && <span className="estimate-error">{estimateError}</span>}
          </span>
          {streaming ? (
            <button type="button" className="button stop" onClick={() => void stopAnswer()} title="Stop (Esc)">
              <StopIcon /> Stop
            </button>
          ) : (
            <button type="button" className="button primary" onClick={() => void submit(false)} disabled={!text || tooLong || sending || !selected}>
              <SendIcon /> Send
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

function tooLongMessage(chars: number): string {
  return (
    `This message is ${chars.toLocaleString('en-US')} characters long; a message holds at most ` +
    `${MAX_MESSAGE_CHARS.toLocaleString('en-US')}. Shorten it or send it in parts.`
  );
}
