/**
 * Sync engines keep both sides of a clash by renaming one of them: Dropbox and Nextcloud
 * "name (conflicted copy 2026-01-02).ext" (or "(Ana's conflicted copy …)"), Syncthing
 * "name.sync-conflict-20260102-101500-ABCDEFG.ext", OneDrive and Google Drive "name (1).ext",
 * iCloud Drive "name 2.ext". Such a copy is read like the file it copies: rows are keyed by device
 * and request id, so a copy adds nothing that is already counted.
 */
const MARKERS: RegExp[] = [
  / \([^()]*conflicted copy[^()]*\)/i,
  /\.sync-conflict-\d{8}-\d{6}(-[A-Z0-9]+)?/,
  / \(\d+\)/,
  / \d+(?=\.[^.]+$)/,
];

export interface FileName {
  /** The name the writing device gave the file. */
  canonical: string;
  /** Whether a sync engine renamed this copy. */
  conflicted: boolean;
}

export function recogniseFileName(name: string): FileName {
  let canonical = name;
  for (const marker of MARKERS) canonical = canonical.replace(marker, '');
  return { canonical, conflicted: canonical !== name };
}
