import type Database from 'better-sqlite3';
import { nanodollars, type Nanodollars } from '../../../shared/money';
import { localDayKey, startOfLocalDay, wallClockAt } from '../time/zoned-calendar';
import { rollupTimeZone } from './usage-rollup';

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
 * "Spent" is always the ledger's sum, never a counter kept beside it (DESIGN.md). The daily
 * rollup holds that sum per local day, kept in the transaction of every finalize, so the whole
 * days of its time zone inside the range are read from it, and only the parts of the range before
 * the first and after the last whole day from the ledger's covering index: a month with a million
 * rows costs a few thousand rollup rows. The days are cut in the zone the rollup was built in, not
 * the one the range was, so the sum is exact whatever either is (test/ledger/spend-sums-property).
 * Open and refused rows have no cost, so spent is a plain SUM; reservations come from the
 * partial index of open rows.
 */
export function sumSpend(sqlite: Database.Database, filter: SpendFilter): SpendSums {
  const where = filterSql(filter);
  const params = {
    startMs: filter.startMs,
    endMs: filter.endMs,
    ...(filter.providerId !== undefined ? { providerId: filter.providerId } : {}),
    ...(filter.model !== undefined ? { model: filter.model } : {}),
  };
  const read = sqlite.transaction(() => {
    const zone = rollupTimeZone(sqlite);
    const days = zone === null ? null : wholeDaysWithin(filter.startMs, filter.endMs, zone);
    const spent = days === null ? ledgerSpent(sqlite, where, params) : spentByDays(sqlite, where, params, days);
    // Named, or SQLite walks a provider's or model's whole month in its covering index to find the few open rows.
    const reserved = sqlite
      .prepare(`SELECT COALESCE(SUM(reserved_usd_nanos), 0) FROM requests INDEXED BY requests_open WHERE status IN ('pending', 'streaming') AND ${where}`)
      .pluck()
      .get(params) as number;
    return { spent: nanodollars(spent), reserved: nanodollars(reserved) };
  });
  // One read transaction: the rollup and the ledger are seen at the same instant.
  return read.deferred();
}

function filterSql(filter: SpendFilter): string {
  const where = ['started_at >= @startMs', 'started_at < @endMs'];
  if (filter.providerId !== undefined) where.push('provider_id = @providerId');
  if (filter.model !== undefined) where.push('model = @model');
  return where.join(' AND ');
}

function ledgerSpent(sqlite: Database.Database, where: string, params: Record<string, unknown>): number {
  return sqlite.prepare(`SELECT COALESCE(SUM(cost_usd_nanos), 0) FROM requests WHERE ${where}`).pluck().get(params) as number;
}

/** Whole local days of the rollup's zone that lie inside [startMs, endMs): [firstMs, lastMs) and their keys. */
interface WholeDays {
  firstMs: number;
  lastMs: number;
  firstKey: string;
  lastKey: string;
}

function spentByDays(sqlite: Database.Database, where: string, params: Record<string, unknown>, days: WholeDays): number {
  const scope = where.replace('started_at >= @startMs AND started_at < @endMs', '1');
  const rollup = sqlite
    .prepare(`SELECT COALESCE(SUM(cost_usd_nanos), 0) FROM usage_daily_rollup WHERE day >= @firstKey AND day < @lastKey AND ${scope}`)
    .pluck()
    .get({ ...params, firstKey: days.firstKey, lastKey: days.lastKey }) as number;
  const before = ledgerSpent(sqlite, where, { ...params, endMs: days.firstMs });
  const after = ledgerSpent(sqlite, where, { ...params, startMs: days.lastMs });
  return rollup + before + after;
}

function startOfDayAt(instantMs: number, timeZone: string, plusDays = 0): number {
  const w = wallClockAt(instantMs, timeZone);
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day + plusDays, 12));
  return startOfLocalDay(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), timeZone);
}

function wholeDaysWithin(startMs: number, endMs: number, timeZone: string): WholeDays | null {
  const dayStart = startOfDayAt(startMs, timeZone);
  const firstMs = dayStart === startMs ? dayStart : startOfDayAt(startMs, timeZone, 1);
  const lastMs = startOfDayAt(endMs, timeZone);
  if (firstMs >= lastMs) return null;
  return { firstMs, lastMs, firstKey: localDayKey(firstMs, timeZone), lastKey: localDayKey(lastMs, timeZone) };
}
