import type { AttachmentEstimateView, StagedAttachmentView } from '../../../../shared/attachments';
import { formatFileSize, formatPixelSize } from '../../../../shared/format-file-size';
import { formatCount } from '../format/format-meta';
import type { AttachmentDraft, AttachmentNotice, StagedChip } from '../state/staged-attachments-store';
import { AttachmentChipLabel } from './AttachmentChipLabel';
import { CloseIcon } from './icons';

/** Pixels for images, pages for PDFs. */
function shapeOf(view: StagedAttachmentView): string | null {
  if (view.size) return formatPixelSize(view.size);
  if (view.pages) return view.pages === 1 ? '1 page' : `${formatCount(view.pages)} pages`;
  return null;
}

function chipFacts(chip: StagedChip, estimate: AttachmentEstimateView | undefined): (string | null)[] {
  if (chip.status === 'adding') return [formatFileSize(chip.bytes), 'Adding…'];
  return [
    formatFileSize(chip.view.bytes),
    shapeOf(chip.view),
    estimate && !estimate.refusal ? `~${formatCount(estimate.tokens)} tokens` : null,
    estimate?.downscaledTo ? `downscaled to ${formatPixelSize(estimate.downscaledTo)}` : null,
    estimate?.sentAs ? `sent as ${formatName(estimate.sentAs)}` : null,
  ];
}

/** "image/png" → "PNG": the format as people name it. */
function formatName(mime: string): string {
  return (mime.split('/')[1] ?? mime).toUpperCase();
}

interface ChipsProps {
  chips: AttachmentDraft['chips'];
  /** The estimate's share per file for the chosen model, by staged id. */
  estimates: ReadonlyMap<string, AttachmentEstimateView>;
  onRemove(key: string): void;
}

/**
 * The files going with the message: each with its size, its token estimate for the chosen model and,
 * when that model cannot take it, why (Send waits until it is removed or another model is chosen).
 */
export function AttachmentChips({ chips, estimates, onRemove }: ChipsProps) {
  if (chips.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label="Files to send">
      {chips.map((chip) => {
        const estimate = chip.status === 'staged' ? estimates.get(chip.view.id) : undefined;
        const refusal = estimate?.refusal ?? null;
        return (
          <li
            key={chip.key}
            className={`attachment-chip${chip.status === 'adding' ? ' adding' : ''}${refusal ? ' refused' : ''}`}
            aria-busy={chip.status === 'adding'}
          >
            <AttachmentChipLabel kind={chip.status === 'staged' ? chip.view.kind : null} name={chip.name} facts={chipFacts(chip, estimate)} />
            {refusal && <span className="attachment-refusal">{refusal}</span>}
            <button type="button" className="attachment-remove" aria-label={`Remove ${chip.name}`} title="Remove" onClick={() => onRemove(chip.key)}>
              <CloseIcon />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

interface NoticesProps {
  notices: AttachmentNotice[];
  onDismiss(key: string): void;
}

/** Files that were not attached, each with the reason the core (or a limit) gave. */
export function AttachmentNotices({ notices, onDismiss }: NoticesProps) {
  return notices.map((notice) => (
    <div key={notice.key} className="notice danger" role="alert">
      <p>{notice.message}</p>
      <button type="button" className="link-button" onClick={() => onDismiss(notice.key)}>
        Dismiss
      </button>
    </div>
  ));
}
