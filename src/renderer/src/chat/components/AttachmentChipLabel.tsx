import type { AttachmentKind } from '../../../../shared/attachments';
import { KindIcon } from './icons';

interface Props {
  kind: AttachmentKind | null;
  name: string;
  /** Short facts after the name ("1.2 MB", "1600×1200"); empty ones are left out. */
  facts: (string | null)[];
}

/** A file's kind, name and facts: the same label in the composer and in the thread. */
export function AttachmentChipLabel({ kind, name, facts }: Props) {
  return (
    <>
      {kind && <KindIcon kind={kind} />}
      <span className="attachment-name" title={name}>
        {name}
      </span>
      {facts.map((fact) => fact && <span key={fact} className="attachment-fact">{fact}</span>)}
    </>
  );
}
