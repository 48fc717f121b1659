import type { ReportDb } from '../reports/report-db';
import { FINAL_ROWS_SQL } from '../reports/usage-sums';
import type { LedgerDayModel } from './bill-comparison';

/** The provider's final rows in [startMs, endMs), refused ones aside: what it could have billed. */
const SENT_ROWS = `${FINAL_ROWS_SQL} AND r.status != 'refused' AND r.provider_id = @providerId AND r.started_at >= @startMs AND r.started_at < @endMs`;

/**
 * The ledger's sums per UTC day and model (the vendors' buckets are UTC days, so both sides cover
 * the same instants). The provider's figure is the row's own, else the one the bill check looked
 * up (bill_generation_costs); the row itself is never changed.
 */
export function ledgerDays(db: ReportDb, providerId: string, startMs: number, endMs: number): LedgerDayModel[] {
  const figure = 'COALESCE(r.provider_cost_usd_nanos, g.cost_usd_nanos)';
  return db
    .prepare<LedgerDayModel>(
      `SELECT strftime('%Y-%m-%d', r.started_at / 1000, 'unixepoch') AS day, r.model AS model, COUNT(*) AS requests,
         COALESCE(SUM(r.cost_usd_nanos), 0) AS costNanos,
         SUM(CASE WHEN r.cost_usd_nanos IS NULL THEN 1 ELSE 0 END) AS unpricedRequests,
         COALESCE(SUM(CASE WHEN ${figure} IS NOT NULL THEN r.cost_usd_nanos END), 0) AS comparedCostNanos,
         COALESCE(SUM(CASE WHEN r.cost_usd_nanos IS NOT NULL THEN ${figure} END), 0) AS providerFigureNanos,
         SUM(CASE WHEN ${figure} IS NULL OR r.cost_usd_nanos IS NULL THEN 1 ELSE 0 END) AS withoutProviderFigure
       FROM requests r LEFT JOIN bill_generation_costs g ON g.request_id = r.id
       WHERE ${SENT_ROWS} GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all({ providerId, startMs, endMs });
}

export interface AwaitingCost {
  requestId: string;
  generationId: string;
}

/** Rows whose stream carried no cost and whose generation has not been looked up yet. */
export function rowsAwaitingProviderCost(db: ReportDb, providerId: string, startMs: number, endMs: number): AwaitingCost[] {
  return db
    .prepare<AwaitingCost>(
      `SELECT r.id AS requestId, r.provider_response_id AS generationId FROM requests r
       WHERE ${SENT_ROWS} AND r.provider_cost_usd_nanos IS NULL AND r.provider_response_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM bill_generation_costs g WHERE g.request_id = r.id)
       ORDER BY r.started_at, r.id`,
    )
    .all({ providerId, startMs, endMs });
}

export interface ProviderFigureSum {
  figureNanos: number;
  /** Rows in the interval whose provider figure is not known (yet): the sum leaves them out. */
  withoutFigure: number;
}

/** The provider's own figures of the rows started in [fromMs, toMs): what the account's usage counter moved by for Tallychat. */
export function providerFiguresBetween(db: ReportDb, providerId: string, fromMs: number, toMs: number): ProviderFigureSum {
  return db
    .prepare<ProviderFigureSum>(
      `SELECT COALESCE(SUM(COALESCE(r.provider_cost_usd_nanos, g.cost_usd_nanos)), 0) AS figureNanos,
         COALESCE(SUM(CASE WHEN COALESCE(r.provider_cost_usd_nanos, g.cost_usd_nanos) IS NULL THEN 1 ELSE 0 END), 0) AS withoutFigure
       FROM requests r LEFT JOIN bill_generation_costs g ON g.request_id = r.id
       WHERE ${SENT_ROWS}`,
    )
    .get({ providerId, startMs: fromMs, endMs: toMs })!;
}
