import { useEffect, useState, type DragEvent } from 'react';

/** Only drags that carry files: a dragged text selection keeps its usual behaviour. */
const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

/**
 * Files dropped on an element, and whether some are being dragged over it now. Entering a child
 * fires before leaving the parent, so a depth count (not a flag) keeps the hint steady.
 */
export function useFileDrop(onFiles: (files: File[]) => void) {
  const [depth, setDepth] = useState(0);
  useEffect(() => {
    // A file dropped beside the composer would otherwise replace the page with the file (browser
    // mode; the desktop window refuses the navigation, and the drop would just be lost).
    const refuse = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);
  return {
    dragging: depth > 0,
    handlers: {
      onDragEnter: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDepth((d) => d + 1);
      },
      onDragOver: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        // Without this the drop would be refused, and the window would open the file instead.
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (event: DragEvent) => {
        if (carriesFiles(event)) setDepth((d) => Math.max(0, d - 1));
      },
      onDrop: (event: DragEvent) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        setDepth(0);
        const files = Array.from(event.dataTransfer.files);
        if (files.length > 0) onFiles(files);
      },
    },
  };
}
