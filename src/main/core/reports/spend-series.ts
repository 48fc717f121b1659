import type { SeriesView, StackBy } from '../../../shared/contract/spending-contract';
import { localDayKey } from '../time/zoned-calendar';
import { addDays, daysBetween, monthLabel, nextMonthKey, shortDayLabel } from './local-days';
import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { slotsOf, type SlotUnit } from './time-slots';
import type { CubeCell } from './usage-readers';

/** More stacks than this and a chart is noise: the rest are summed as "Other". */
const MAX_STACKS = 6;
/** Periods longer than this are charted per month, not per day. */
const MAX_DAY_BUCKETS = 92;
const OTHER_STACK = '__other__';

export interface Buckets {
  unit: SlotUnit;
  buckets: { key: string; label: string }[];
}

/**
 * Every bucket of the period in order, empty ones included: hours for the last 24 h, days for
 * periods up to a quarter, months beyond. All time spans the rollup's first to last day.
 */
export function bucketsOf(db: ReportDb, period: ResolvedPeriod, now: number): Buckets {
  if (!period.dayAligned) return { unit: 'hour', buckets: slotsOf('hour', period.startMs!, period.endMs!, period.timeZone) };
  const today = localDayKey(now, period.timeZone);
  const span = db.prepare<{ first: string | null; last: string | null }>('SELECT MIN(day) AS first, MAX(day) AS last FROM usage_daily_rollup').get();
  const from = period.from ?? span?.first ?? today;
  // A row stamped in the future (a clock set wrong) still gets a bucket.
  const to = period.to ?? (span?.last && span.last > today ? span.last : today);
  const buckets: { key: string; label: string }[] = [];
  if (daysBetween(from, to) < MAX_DAY_BUCKETS) {
    for (let day = from; day <= to; day = addDays(day, 1)) buckets.push({ key: day, label: shortDayLabel(day) });
    return { unit: 'day', buckets };
  }
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = nextMonthKey(month)) buckets.push({ key: month, label: monthLabel(month) });
  return { unit: 'month', buckets };
}

/** Spend per bucket, stacked by provider or model (the biggest few, then "Other"). */
export function spendSeries(cells: CubeCell[], { unit, buckets }: Buckets, stackBy: StackBy, stackLabel: (key: string) => string, periodLabel: string): SeriesView {
  const stackKey = (cell: CubeCell) => (stackBy === 'provider' ? cell.providerId : cell.model);
  const perStack = new Map<string, number>();
  for (const cell of cells) perStack.set(stackKey(cell), (perStack.get(stackKey(cell)) ?? 0) + cell.sums.cost);
  const ranked = [...perStack.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
  const kept = new Set(ranked.length > MAX_STACKS ? ranked.slice(0, MAX_STACKS - 1) : ranked);

  const points = buckets.map((bucket) => ({ ...bucket, costNanos: {} as Record<string, number>, totalNanos: 0 }));
  const index = new Map(points.map((point, i) => [point.key, i]));
  for (const cell of cells) {
    const point = points[index.get(cell.bucket) ?? -1];
    if (!point) throw new RangeError(`Spend on ${cell.bucket} falls outside the charted buckets of ${periodLabel}`);
    const stack = kept.has(stackKey(cell)) ? stackKey(cell) : OTHER_STACK;
    point.costNanos[stack] = (point.costNanos[stack] ?? 0) + cell.sums.cost;
    point.totalNanos += cell.sums.cost;
  }
  const stacks = [...kept].map((key) => ({ key, label: stackLabel(key) }));
  if (kept.size < ranked.length) stacks.push({ key: OTHER_STACK, label: 'Other' });
  return { bucket: unit, stackBy, stacks, points };
}
