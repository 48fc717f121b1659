import type { ReportDb } from './report-db';

export interface StartedAtRange {
  fromMs: number;
  /** Exclusive: the next range's start, or the period's end (past every row when unbounded). */
  toMs: number;
}

/**
 * Splits [startMs, endMs) of the ledger into consecutive ranges of about `size` rows each, read
 * off the started_at index (an index-only skip of `size` entries per range). Rows that share a
 * start time always fall in one range, so the ranges in order visit every row exactly once in
 * (started_at, rowid) order when each is read with that ORDER BY.
 */
export function* startedAtRanges(db: ReportDb, startMs: number | null, endMs: number | null, size: number): Generator<StartedAtRange> {
  const end = endMs === null ? '' : ' AND started_at < @endMs';
  const first = db.prepare<{ at: number | null }>(`SELECT MIN(started_at) AS at FROM requests WHERE started_at >= @startMs${end}`);
  const skip = db.prepare<{ at: number }>(`SELECT started_at AS at FROM requests WHERE started_at >= @fromMs${end} ORDER BY started_at LIMIT 1 OFFSET @size`);
  const after = db.prepare<{ at: number | null }>(`SELECT MIN(started_at) AS at FROM requests WHERE started_at > @fromMs${end}`);
  let from = first.get({ startMs: startMs ?? Number.MIN_SAFE_INTEGER, endMs })?.at ?? null;
  while (from !== null) {
    let to: number | null = skip.get({ fromMs: from, endMs, size })?.at ?? null;
    // More than `size` rows started in the same millisecond: the range takes them all.
    if (to === from) to = after.get({ fromMs: from, endMs })?.at ?? null;
    yield { fromMs: from, toMs: to ?? endMs ?? Number.MAX_SAFE_INTEGER };
    if (to === null) return;
    from = to;
  }
}
