import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { wallClockAt } from '../time/zoned-calendar';
import { BACKUPS_FOLDER } from './general-settings';

/**
 * A consistent copy of the live database through SQLite's online backup API: other writers may
 * go on while it runs. It lands in the data folder's backups/ with a local timestamp in its name;
 * the destination is never chosen by the renderer, so a page cannot make main write elsewhere.
 * Keys are not in the database, so a backup carries none.
 */
export async function backupDatabase(
  sqlite: Database.Database,
  dataDir: string,
  now: number,
  timeZone: string,
): Promise<{ file: string; bytes: number }> {
  const folder = join(dataDir, BACKUPS_FOLDER);
  mkdirSync(folder, { recursive: true });
  const w = wallClockAt(now, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${w.year}-${pad(w.month)}-${pad(w.day)}-${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
  let file = join(folder, `tallychat-${stamp}.sqlite`);
  for (let n = 2; existsSync(file); n++) file = join(folder, `tallychat-${stamp}-${n}.sqlite`);
  await sqlite.backup(file);
  // The copy inherits WAL mode; a rollback journal makes it one self-contained file to move around.
  sqlite.prepare("ATTACH DATABASE ? AS backup_copy").run(file);
  try {
    sqlite.pragma('backup_copy.journal_mode = DELETE');
  } finally {
    sqlite.exec('DETACH DATABASE backup_copy');
  }
  return { file, bytes: statSync(file).size };
}


/** One backup at a time: two at once would pick the same file name in the same second. */
export function serializedBackups(sqlite: Database.Database, dataDir: string): (now: number, timeZone: string) => Promise<{ file: string; bytes: number }> {
  let last: Promise<unknown> = Promise.resolve();
  return (now, timeZone) => {
    const next = last.then(
      () => backupDatabase(sqlite, dataDir, now, timeZone),
      () => backupDatabase(sqlite, dataDir, now, timeZone),
    );
    last = next;
    return next;
  };
}
