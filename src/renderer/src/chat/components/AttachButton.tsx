import { useRef } from 'react';
import { PaperclipIcon } from './icons';

/**
 * What the picker offers: the images every vendor takes, PDFs, and text and code. The core decides
 * by the bytes, not by this list; it only spares the user from browsing past videos and archives.
 */
const ACCEPT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf', 'text/*'];
const ACCEPT_EXTENSIONS = [
  'txt', 'md', 'markdown', 'csv', 'tsv', 'json', 'jsonl', 'xml', 'yaml', 'yml', 'toml', 'ini', 'log', 'html', 'css', 'scss',
  'js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'py', 'rb', 'go', 'rs', 'java', 'kt', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp',
  'cs', 'php', 'sh', 'bash', 'ps1', 'sql', 'r', 'lua', 'dart', 'scala', 'vue', 'svelte',
];
const ACCEPT = [...ACCEPT_TYPES, ...ACCEPT_EXTENSIONS.map((ext) => `.${ext}`)].join(',');


/** The paperclip: opens the system's file picker for one or more files. */
export function AttachButton({ onFiles }: { onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="icon-button composer-attach"
        aria-label="Attach files"
        title="Attach images, PDFs or text files (or paste or drop them here)"
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="attach-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Cleared, so picking the same file again (after removing its chip) still fires a change.
          e.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}
