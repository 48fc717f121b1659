import { finalRowSql } from '../ledger/status-sql';
import type { ResolvedPeriod } from '../reports/report-period';

/**
 * The WHERE clause and parameters of the period's final rows that carry token counts (refused rows
 * sent nothing; an unbounded end of the period is open): what a what-if and the cost shares read.
 */
export function tokenRowsOf(period: ResolvedPeriod): { where: string; params: Record<string, number> } {
  const where = [finalRowSql(), "status != 'refused'", 'input_tokens IS NOT NULL', 'output_tokens IS NOT NULL'];
  const params: Record<string, number> = {};
  if (period.startMs !== null) {
    where.push('started_at >= @startMs');
    params.startMs = period.startMs;
  }
  if (period.endMs !== null) {
    where.push('started_at < @endMs');
    params.endMs = period.endMs;
  }
  return { where: where.join(' AND '), params };
}
