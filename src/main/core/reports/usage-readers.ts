import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { slotIndexSql, slotsOf, type SlotUnit } from './time-slots';
import { FINAL_ROWS_SQL, LEDGER_SUMS_SQL, ROLLUP_SUMS_SQL, toSums, type SumsRow, type UsageSums } from './usage-sums';

export type SumsGrouping = 'provider' | 'model' | SlotUnit;

export interface GroupSums {
  key: string;
  sums: UsageSums;
}

/** Sums per time bucket × provider × model: everything the dashboard shows, from one read. */
export interface CubeCell {
  bucket: string;
  providerId: string;
  model: string;
  sums: UsageSums;
}

/**
 * Sums of one period, from wherever they are fast: the daily rollup for day-aligned periods,
 * the ledger's indexed `started_at` range otherwise. Both give the same numbers for the same rows
 * (a test holds them to it).
 */
export interface UsageReader {
  totals(): UsageSums;
  groups(by: SumsGrouping): GroupSums[];
  cube(unit: SlotUnit): CubeCell[];
}

export function usageReaderFor(db: ReportDb, period: ResolvedPeriod): UsageReader {
  return period.dayAligned ? rollupReader(db, period) : ledgerReader(db, period);
}

type KeyedRow = SumsRow & { key: string };
type CubeRow = SumsRow & { bucket: string; providerId: string; model: string };
const toGroup = ({ key, ...row }: KeyedRow): GroupSums => ({ key, sums: toSums(row) });
const toCell = ({ bucket, providerId, model, ...row }: CubeRow): CubeCell => ({ bucket, providerId, model, sums: toSums(row) });

function rollupReader(db: ReportDb, period: ResolvedPeriod): UsageReader {
  const where = [period.from !== null ? 'day >= @from' : '', period.to !== null ? 'day <= @to' : ''].filter(Boolean);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const params = { from: period.from, to: period.to };
  const bucketSql = (unit: SlotUnit) => {
    if (unit === 'hour') throw new RangeError('The daily rollup has no hours: read the ledger for hourly sums');
    return unit === 'day' ? 'day' : 'substr(day, 1, 7)';
  };
  const keySql = (by: SumsGrouping) => (by === 'provider' ? 'provider_id' : by === 'model' ? 'model' : bucketSql(by));
  return {
    totals: () => toSums(db.prepare<SumsRow>(`SELECT ${ROLLUP_SUMS_SQL} FROM usage_daily_rollup ${whereSql}`).get(params)!),
    groups: (by) =>
      db
        .prepare<KeyedRow>(`SELECT ${keySql(by)} AS key, ${ROLLUP_SUMS_SQL} FROM usage_daily_rollup ${whereSql} GROUP BY key ORDER BY key`)
        .all(params)
        .map(toGroup),
    cube: (unit) =>
      db
        .prepare<CubeRow>(
          `SELECT ${bucketSql(unit)} AS bucket, provider_id AS providerId, model, ${ROLLUP_SUMS_SQL}
           FROM usage_daily_rollup ${whereSql} GROUP BY bucket, provider_id, model`,
        )
        .all(params)
        .map(toCell),
  };
}

function ledgerReader(db: ReportDb, period: ResolvedPeriod): UsageReader {
  const where = [FINAL_ROWS_SQL];
  if (period.startMs !== null) where.push('r.started_at >= @startMs');
  if (period.endMs !== null) where.push('r.started_at < @endMs');
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const params = { startMs: period.startMs, endMs: period.endMs };
  const slotted = (unit: SlotUnit) => {
    if (period.startMs === null || period.endMs === null) throw new RangeError('An unbounded period is read from the rollup');
    const slots = slotsOf(unit, period.startMs, period.endMs, period.timeZone);
    return { slots, ...slotIndexSql(slots) };
  };
  return {
    totals: () => toSums(db.prepare<SumsRow>(`SELECT ${LEDGER_SUMS_SQL} FROM requests r ${whereSql}`).get(params)!),
    groups: (by) => {
      if (by === 'provider' || by === 'model') {
        const column = by === 'provider' ? 'r.provider_id' : 'r.model';
        return db
          .prepare<KeyedRow>(`SELECT ${column} AS key, ${LEDGER_SUMS_SQL} FROM requests r ${whereSql} GROUP BY key ORDER BY key`)
          .all(params)
          .map(toGroup);
      }
      const { slots, sql, params: slotParams } = slotted(by);
      return db
        .prepare<SumsRow & { slot: number }>(`SELECT ${sql} AS slot, ${LEDGER_SUMS_SQL} FROM requests r ${whereSql} GROUP BY slot ORDER BY slot`)
        .all({ ...params, ...slotParams })
        .map(({ slot, ...row }) => ({ key: slots[slot]!.key, sums: toSums(row) }));
    },
    cube: (unit) => {
      const { slots, sql, params: slotParams } = slotted(unit);
      return db
        .prepare<SumsRow & { slot: number; providerId: string; model: string }>(
          `SELECT ${sql} AS slot, r.provider_id AS providerId, r.model AS model, ${LEDGER_SUMS_SQL}
           FROM requests r ${whereSql} GROUP BY slot, r.provider_id, r.model`,
        )
        .all({ ...params, ...slotParams })
        .map(({ slot, ...row }) => toCell({ bucket: slots[slot]!.key, ...row }));
    },
  };
}
