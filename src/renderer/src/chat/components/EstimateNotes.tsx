import type { CapCheck, EstimateView } from '../../../../shared/contract/chat-contract';
import type { IpcError } from '../../../../shared/contract/ipc-result';
import { formatCount, formatMonth } from '../format/format-meta';
import { money } from '../../money/display-money';

const usd = money;

/**
 * The input's marker: "~" when files are in it (each vendor's published rule, until the provider's
 * usage says), "≈ " when the text is not counted with the model's own tokenizer.
 */
function inputMarker(estimate: EstimateView): string {
  if (estimate.attachments.length > 0) return '~';
  return estimate.exact ? '' : '≈ ';
}

function webSearchText({ maxSearches, feeNanos }: NonNullable<EstimateView['webSearch']>): string {
  const searches = `up to ${formatCount(maxSearches)} ${maxSearches === 1 ? 'search' : 'searches'}`;
  return `web search: ${searches} ${feeNanos === null ? 'price unknown' : usd(feeNanos)}`;
}

/** "≈ 1,234 tokens in · est. $0.0123 · web search: up to 5 searches $0.05". */
export function EstimateLine({ estimate }: { estimate: EstimateView }) {
  const tokens = `${inputMarker(estimate)}${formatCount(estimate.inputTokens)} tokens in`;
  const cost = estimate.costNanos === null ? 'price unknown' : `est. ${usd(estimate.costNanos)}`;
  const thinking = estimate.thinkingBudgetTokens > 0 ? ` + ${formatCount(estimate.thinkingBudgetTokens)} thinking` : '';
  const counted = estimate.attachments.length > 0 ? ' (files by the vendor\'s published rule)' : estimate.exact ? ' (counted exactly)' : ' (approximate count)';
  return (
    <span
      className="estimate-line"
      data-testid="estimate"
      title={`Estimated before sending: the prompt${counted} plus up to ${formatCount(estimate.expectedOutputTokens)} output tokens${estimate.webSearch ? ' and the most searches the request allows' : ''}`}
    >
      {tokens}
      {thinking} · {cost}
      {estimate.webSearch && ` · ${webSearchText(estimate.webSearch)}`}
    </span>
  );
}

/** Under the chips: why their figures (and the input's) carry "~". */
export function AttachmentEstimateNote() {
  return (
    <p className="attachment-note">
      ~ estimated: images and files are estimated by each vendor&apos;s published rule until the provider reports usage.
    </p>
  );
}

const warningText = (cap: CapCheck) =>
  `${cap.label}: ${usd(cap.afterNanos)} of ${usd(cap.capNanos)} in ${formatMonth(cap.month)} after this request, past its ${cap.warnAtPercent}% warning.`;

interface Props {
  estimate: EstimateView | null;
  sendError: IpcError | null;
  busy: boolean;
  onSendAnyway(): void;
}

/**
 * What a cap says about the message before it is sent: a warning past the threshold, or the
 * refusal (the cap's name and numbers) with the one way through it. A send that main refused
 * shows its own message here too.
 */
export function CapNotices({ estimate, sendError, busy, onSendAnyway }: Props) {
  const refused = sendError?.code === 'budget_exceeded' ? sendError.message : estimate?.refusal ?? null;
  const warnings = estimate?.caps.filter((cap) => cap.wouldWarn && !cap.wouldExceed) ?? [];
  const otherError = sendError && sendError.code !== 'budget_exceeded' ? sendError.message : null;
  if (!refused && warnings.length === 0 && !otherError) return null;
  return (
    <div className="composer-notices">
      {refused && (
        <div className="notice danger" role="alert">
          <p>{refused}</p>
          <button type="button" className="button danger-outline" onClick={onSendAnyway} disabled={busy}>
            Send anyway (allow one request past the cap)
          </button>
        </div>
      )}
      {!refused && warnings.length > 0 && (
        <div className="notice warn" role="status">
          {warnings.length === 1 ? (
            <p>{warningText(warnings[0]!)}</p>
          ) : (
            <ul>
              {warnings.map((cap) => (
                <li key={cap.budgetId}>{warningText(cap)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {otherError && (
        <div className="notice danger" role="alert">
          <p>{otherError}</p>
        </div>
      )}
    </div>
  );
}
