import { useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { MAX_MESSAGE_CHARS } from '../../../../shared/contract/chat-contract';
import { useEstimate } from '../hooks/use-estimate';
import { useFileDrop } from '../hooks/use-file-drop';
import { liveAnswerIn, useLiveAnswers } from '../state/live-answers';
import { useModels } from '../state/models-store';
import { useNotices } from '../state/notices-store';
import { applicableChoice, choiceKey, useReasoning } from '../state/reasoning-store';
import { attachmentCore } from '../state/attachment-core';
import { sendMessage, stopAnswer } from '../state/send-actions';
import { attachFiles, draftKey, removeAttachment, stagedViews, useAttachmentDraft, useStagedAttachments } from '../state/staged-attachments-store';
import { useThread } from '../state/thread-store';
import { setWebSearch, useWebSearchOn } from '../state/web-search-store';
import { AttachButton } from './AttachButton';
import { AttachmentChips, AttachmentNotices } from './AttachmentChips';
import { AttachmentEstimateNote, CapNotices, EstimateLine } from './EstimateNotes';
import { SendIcon, StopIcon } from './icons';
import { ModelPicker } from './ModelPicker';
import { ReasoningPicker } from './ReasoningPicker';
import { WebSearchToggle } from './WebSearchToggle';

export const COMPOSER_INPUT_ID = 'chat-composer-input';
const MAX_INPUT_HEIGHT_PX = 240;

/**
 * The message box: Enter sends, Shift+Enter is a new line. Files are picked, pasted or dropped in
 * as chips. Before sending it shows what the message (files and searches included) is estimated
 * to cost and what the caps say; while an answer streams, Send is Stop.
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
  const attachmentDraft = useAttachmentDraft(conversationId);
  const staged = useMemo(() => stagedViews(attachmentDraft), [attachmentDraft]);
  const attachmentIds = useMemo(() => staged.map((a) => a.id), [staged]);
  const webSearch = useWebSearchOn(conversationId);
  const { estimate, error: estimateError } = useEstimate({
    text: tooLong ? '' : text,
    target: selected,
    conversationId,
    reasoning,
    attachmentIds,
    webSearch,
  });
  const attachmentEstimates = useMemo(() => new Map((estimate?.attachments ?? []).map((a) => [a.id, a])), [estimate]);
  const adding = attachmentDraft.chips.some((chip) => chip.status === 'adding');
  const refusedFiles = staged.some((file) => attachmentEstimates.get(file.id)?.refusal);
  const blockedBy = adding
    ? 'Wait until the files are added'
    : refusedFiles
      ? `Remove the files ${selected?.model ?? 'this model'} cannot take`
      : !text && attachmentDraft.chips.length > 0
        ? 'Type a message to send with the files'
        : null;
  const composing = text !== '' || attachmentDraft.chips.length > 0;
  const attach = (files: File[]) => void attachFiles(attachmentCore, conversationId, files);
  const drop = useFileDrop(attach);

  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_INPUT_HEIGHT_PX)}px`;
  }, [draft]);

  const submit = async (allowOverCap: boolean) => {
    if (!text || tooLong || streaming || sending || blockedBy) return;
    setDraft('');
    const sent = await sendMessage({ text, allowOverCap, attachments: staged });
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

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(event.clipboardData.files);
    // Office apps put a picture of the copied text beside the text itself: the text is what was meant.
    if (files.length === 0 || event.clipboardData.types.includes('text/plain')) return;
    event.preventDefault();
    attach(files);
  };

  return (
    <div className="composer" {...drop.handlers}>
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
      <AttachmentNotices notices={attachmentDraft.notices} onDismiss={(key) => useStagedAttachments.getState().dismiss(draftKey(conversationId), key)} />
      <CapNotices estimate={text && !tooLong ? estimate : null} sendError={sendError} busy={streaming || sending} onSendAnyway={() => void submit(true)} />
      <div className={`composer-box${drop.dragging ? ' dragging' : ''}`}>
        {drop.dragging && (
          <div className="drop-hint" data-testid="drop-hint">
            Drop files to attach them
          </div>
        )}
        <AttachmentChips
          chips={attachmentDraft.chips}
          estimates={attachmentEstimates}
          onRemove={(key) => void removeAttachment(attachmentCore, conversationId, key)}
        />
        {staged.length > 0 && estimate && estimate.attachments.length > 0 && <AttachmentEstimateNote />}
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
          onPaste={onPaste}
        />
        <div className="composer-bar">
          <AttachButton onFiles={attach} />
          <ModelPicker providers={providers ?? []} selected={selected} onSelect={select} />
          <ReasoningPicker control={control} choice={reasoning} onChoose={(choice) => useReasoning.getState().choose(conversationId, choice)} />
          <WebSearchToggle on={webSearch} onToggle={(on) => void setWebSearch(conversationId, on)} />
          <span className="composer-estimate" aria-live="polite">
            {composing && estimate && <EstimateLine estimate={estimate} />}
            {composing && estimateError && <span className="estimate-error">{estimateError}</span>}
          </span>
          {streaming ? (
            <button type="button" className="button stop" onClick={() => void stopAnswer()} title="Stop (Esc)">
              <StopIcon /> Stop
            </button>
          ) : (
            <button
              type="button"
              className="button primary"
              onClick={() => void submit(false)}
              disabled={!text || tooLong || sending || !selected || blockedBy !== null}
              title={blockedBy ?? undefined}
            >
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
