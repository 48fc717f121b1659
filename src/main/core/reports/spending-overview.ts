import type {
  BreakdownRow,
  ConversationBreakdown,
  PeriodView,
  SpendingOverview,
  StackBy,
  TokenKindsView,
} from '../../../shared/contract/spending-contract';
import { breakdownRow, byCostDescending, totalsView } from './breakdown-rows';
import { conversationLabel, conversationSums } from './conversation-sums';
import { monthView, type MonthBudget } from './month-view';
import type { ReportDb } from './report-db';
import type { ResolvedPeriod } from './report-period';
import { bucketsOf, spendSeries } from './spend-series';
import { usageReaderFor, type CubeCell } from './usage-readers';
import { addSums, EMPTY_SUMS, type UsageSums } from './usage-sums';

export interface DashboardContext {
  db: ReportDb;
  now: number;
  providerName: (providerId: string) => string;
}

/**
 * Everything the Spending screen shows above the conversation table and the request log, from
 * one read of sums per bucket × provider × model.
 */
export function spendingOverview(
  context: DashboardContext,
  period: ResolvedPeriod,
  stackBy: StackBy,
  month: MonthBudget,
): SpendingOverview {
  const { db, now, providerName } = context;
  const buckets = bucketsOf(db, period, now);
  const cells = usageReaderFor(db, period).cube(buckets.unit);
  const totals = cells.reduce((sum, cell) => addSums(sum, cell.sums), EMPTY_SUMS);
  const byProvider = sumBy(cells, (cell) => cell.providerId)
    .map(([key, sums]) => breakdownRow(key, providerName(key), null, sums, totals.cost))
    .sort(byCostDescending);
  const byModel = sumBy(cells, (cell) => cell.model)
    .map(([key, sums]) => {
      const providers = [...new Set(cells.filter((cell) => cell.model === key).map((cell) => providerName(cell.providerId)))];
      return breakdownRow(key, key, providers.sort().join(', '), sums, totals.cost);
    })
    .sort(byCostDescending);

  return {
    period: periodView(period),
    totals: totalsView(totals),
    month: monthView(db, now, period.timeZone, month),
    series: spendSeries(cells, buckets, stackBy, stackBy === 'provider' ? providerName : (model) => model, period.label),
    tokens: tokenKinds(totals),
    byProvider,
    byModel,
    providers: byProvider.map((row) => ({ id: row.key, name: row.label })).sort((a, b) => a.name.localeCompare(b.name)),
    models: byModel.map((row) => row.key).sort((a, b) => a.localeCompare(b)),
  };
}

function sumBy(cells: CubeCell[], keyOf: (cell: CubeCell) => string): [string, UsageSums][] {
  const sums = new Map<string, UsageSums>();
  for (const cell of cells) sums.set(keyOf(cell), addSums(sums.get(keyOf(cell)) ?? EMPTY_SUMS, cell.sums));
  return [...sums.entries()];
}

/** The conversation table, read apart: it is the one breakdown the daily rollup cannot answer. */
export function conversationBreakdown(db: ReportDb, period: ResolvedPeriod, limit: number): ConversationBreakdown {
  const top = conversationSums(db, period, limit);
  // Every final row of the period is in exactly one conversation group ('' for none): their costs add up to the period's.
  const rows: BreakdownRow[] = top.rows.map((c) =>
    breakdownRow(c.conversationId, conversationLabel(c.conversationId, c.title), c.models, c.sums, top.cost),
  );
  return { rows, total: top.total };
}

function periodView(period: ResolvedPeriod): PeriodView {
  const { kind, label, from, to, startMs, endMs, timeZone } = period;
  return { kind, label, from, to, startMs, endMs, timeZone };
}

function tokenKinds(sums: UsageSums): TokenKindsView {
  return {
    freshInput: sums.inputTokens - sums.cachedInputTokens - sums.cacheWriteTokens,
    cacheRead: sums.cachedInputTokens,
    cacheWrite: sums.cacheWriteTokens,
    answerOutput: sums.outputTokens - sums.reasoningTokens,
    reasoning: sums.reasoningTokens,
  };
}
