import type { ConversationExportFormat } from '../../../../shared/contract/chat-contract';
import { call } from '../../api/tallychat-client';
import { downloadText, useFileExport } from '../../export/use-file-export';

const TYPES: Record<ConversationExportFormat, string> = { md: 'text/markdown;charset=utf-8', json: 'application/json;charset=utf-8' };

/** The conversation as Markdown or JSON: the desktop app asks where to save it, browser mode downloads it. */
export function ConversationExportButtons({ conversationId }: { conversationId: string }) {
  const { busy, error, saved, run } = useFileExport();
  const exportAs = (format: ConversationExportFormat) =>
    run({
      download: async () => {
        const exported = await call('conversationExport', { id: conversationId, format });
        downloadText(exported.fileName, exported.text, TYPES[format]);
      },
      save: async () => {
        const result = await call('conversationExportSave', { id: conversationId, format });
        return result.status === 'saved' ? `Saved to ${result.file}` : null;
      },
    });

  return (
    <div className="thread-export">
      <button type="button" className="button ghost" disabled={busy} onClick={() => void exportAs('md')}>
        Export Markdown
      </button>
      <button type="button" className="button ghost" disabled={busy} onClick={() => void exportAs('json')}>
        Export JSON
      </button>
      {saved && <span role="status">{saved}</span>}
      {error && <span role="alert" className="thread-error">{error}</span>}
    </div>
  );
}
