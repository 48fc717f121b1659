import { useState } from 'react';
import { call } from '../api/tallychat-client';

/** The page saves text as a file the browser downloads (browser mode, where the core cannot open a save dialog). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** How one export is carried out on each host: `save` returns what to tell the user, or null when they cancelled. */
export interface ExportWays {
  /** Browser mode: the text comes to the page, which downloads it. */
  download(): Promise<void>;
  /** Desktop: the host's save dialog asks where, and the core writes the file. */
  save(): Promise<string | null>;
}

/**
 * An export button's state (busy, the saved note, the error) and its action, which takes the way
 * the host offers: the desktop app's save dialog, so a large file never travels through the
 * window's process, or a download in browser mode.
 */
export function useFileExport() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  const run = async (ways: ExportWays) => {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const { host } = await call('appInfo', {});
      if (host !== 'electron') {
        await ways.download();
        return;
      }
      const note = await ways.save();
      if (note !== null) setSaved(note);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return { busy, error, saved, run };
}
