import { useEffect } from 'react';

export interface ChatShortcuts {
  newChat(): void;
  focusSearch(): void;
  stop(): void;
}

/**
 * Ctrl/Cmd+N new chat, Ctrl/Cmd+K search, Esc stops a streaming answer. Esc is left alone while
 * a dialog is open or a field claims it (the rename box cancels its edit with Esc).
 */
export function useChatShortcuts(shortcuts: ChatShortcuts): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.shiftKey && !event.altKey && key === 'n') {
        event.preventDefault();
        shortcuts.newChat();
      } else if (mod && !event.shiftKey && !event.altKey && key === 'k') {
        event.preventDefault();
        shortcuts.focusSearch();
      } else if (key === 'escape' && !event.defaultPrevented && !document.querySelector('dialog[open]')) {
        shortcuts.stop();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [shortcuts]);
}
