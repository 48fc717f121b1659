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
 * "Spent" is always this sum over the ledger, never a counter kept beside it (DESIGN.md). Open
 * and refused rows have no cost yet, so spent is a plain SUM over the covering index of
 * (started_at[, provider or model], cost); reservations are read from the partial index of open rows.
 */
export function sumSpend(sqlite: Database.Database, filter: SpendFilter): SpendSums {
  const where = ['started_at >= @startMs', 'started_at < @endMs'];
  if (filter.providerId !== undefined) where.push('provider_id = @providerId');
  if (filter.model !== undefined) where.push('model = @model');
  const params = {
    startMs: filter.startMs,
    endMs: filter.endMs,
    ...(filter.providerId !== undefined ? { providerId: filter.providerId } : {}),
    ...(filter.model !== undefined ? { model: filter.model } : {}),
  };
  const spent = sqlite.prepare(`SELECT COALESCE(SUM(cost_usd_nanos), 0) AS n FROM requests WHERE ${where.join(' AND ')}`).get(params) as {
    n: number;
  };
  const reserved = sqlite
    .prepare(
      `SELECT COALESCE(SUM(reserved_usd_nanos), 0) AS n FROM requests
       WHERE status IN ('pending', 'streaming') AND ${where.join(' AND ')}`,
    )
    .get(params) as { n: number };
  return { spent: nanodollars(spent.n), reserved: nanodollars(reserved.n) };
}
