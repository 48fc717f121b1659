import { useState } from 'react';
import type { ConversationExportFormat } from '../../../../shared/contract/chat-contract';
import { call } from '../../api/tallychat-client';

const TYPES: Record<ConversationExportFormat, string> = { md: 'text/markdown;charset=utf-8', json: 'application/json;charset=utf-8' };

/** Browser mode: the text comes to the page, which downloads it. */
async function download(id: string, format: ConversationExportFormat): Promise<void> {
  const exported = await call('conversationExport', { id, format });
  const url = URL.createObjectURL(new Blob([exported.text], { type: TYPES[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = exported.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The conversation as Markdown or JSON: the desktop app asks where to save it, browser mode downloads it. */
export function ConversationExportButtons({ conversationId }: { conversationId: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const exportAs = async (format: ConversationExportFormat) => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const { host } = await call('appInfo', {});
      if (host !== 'electron') {
        await download(conversationId, format);
        return;
      }
      const result = await call('conversationExportSave', { id: conversationId, format });
      if (result.status === 'saved') setSaved(`Saved to ${result.file}`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

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
