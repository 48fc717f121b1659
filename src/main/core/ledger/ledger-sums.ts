import type Database from 'better-sqlite3';
import { nanodollars, type Nanodollars } from '../../../shared/money';

export interface SpendFilter {
  startMs: number;
  endMs: number;
  providerId?: string;
  model?: string;
}

export interface SpendSums {
  /** Cost of every finalized row in the range (refused and unpriced rows add nothing). */
  spent: Nanodollars;
  /** Reservations of rows still open in the range: money that is probably being spent right now. */
  reserved: Nanodollars;
}

/**
 * "Spent" is always this sum over the ledger, never a counter kept beside it (DESIGN.md). It reads
 * an indexed range of `started_at` (or provider/model + `started_at`).
 */
export function sumSpend(sqlite: Database.Database, filter: SpendFilter): SpendSums {
  const where = ['started_at >= @startMs', 'started_at < @endMs'];
  if (filter.providerId !== undefined) where.push('provider_id = @providerId');
  if (filter.model !== undefined) where.push('model = @model');
  const row = sqlite
    .prepare(
      `SELECT
         COALESCE(SUM(CASE WHEN status IN ('pending', 'streaming') THEN 0 ELSE cost_usd_nanos END), 0) AS spent,
         COALESCE(SUM(CASE WHEN status IN ('pending', 'streaming') THEN reserved_usd_nanos ELSE 0 END), 0) AS reserved
       FROM requests WHERE ${where.join(' AND ')}`,
    )
    .get(filter) as { spent: number; reserved: number };
  return { spent: nanodollars(row.spent), reserved: nanodollars(row.reserved) };
}
