import type { AttachmentView } from '../../../../shared/attachments';
import { formatFileSize, formatPixelSize } from '../../../../shared/format-file-size';
import { AttachmentChipLabel } from './AttachmentChipLabel';

function downscaledTitle(file: AttachmentView): string | undefined {
  if (!file.original || !file.size) return undefined;
  return (
    `Sent at ${formatPixelSize(file.size)} (${formatFileSize(file.bytes)}), the most the provider takes; ` +
    `your file was ${formatPixelSize(file.original.size)} (${formatFileSize(file.original.bytes)}).`
  );
}

/** The files a message was sent with, as they were sent: a downscaled image says from what size. */
export function SentAttachments({ attachments }: { attachments: AttachmentView[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-chips sent" aria-label="Files sent">
      {attachments.map((file) => (
        <li key={file.id} className="attachment-chip" title={downscaledTitle(file)}>
          <AttachmentChipLabel
            kind={file.kind}
            name={file.name}
            facts={[
              formatFileSize(file.bytes),
              file.size && formatPixelSize(file.size),
              file.original && `downscaled from ${formatPixelSize(file.original.size)}`,
            ]}
          />
        </li>
      ))}
    </ul>
  );
}
