import type Database from 'better-sqlite3';
import { formatUsdForDisplay } from '../../../shared/format-money';
import { nanodollars, type Nanodollars } from '../../../shared/money';
import { sumSpend } from '../ledger/ledger-sums';
import type { MonthRange } from '../time/zoned-calendar';
import type { Budget } from './budget-store';

export interface CapStatus {
  budget: Budget;
  /** "Overall monthly cap", "OpenAI monthly cap", "gpt-4o monthly cap" */
  label: string;
  month: string;
  spent: Nanodollars;
  reserved: Nanodollars;
  /** cap − spent − reserved; negative when over. */
  remaining: Nanodollars;
  percentUsed: number;
}

export type ProviderNames = (providerId: string) => string;

export function capLabel(budget: Budget, providerName: ProviderNames): string {
  if (budget.scope === 'overall') return 'Overall monthly cap';
  if (budget.scope === 'provider') return `${providerName(budget.scopeValue)} monthly cap`;
  return `${budget.scopeValue} monthly cap`;
}

/** One cap's month so far, read from the ledger. */
export function capStatus(sqlite: Database.Database, budget: Budget, month: MonthRange, providerName: ProviderNames): CapStatus {
  const sums = sumSpend(sqlite, {
    startMs: month.startMs,
    endMs: month.endMs,
    ...(budget.scope === 'provider' ? { providerId: budget.scopeValue } : {}),
    ...(budget.scope === 'model' ? { model: budget.scopeValue } : {}),
  });
  const used = sums.spent + sums.reserved;
  return {
    budget,
    label: capLabel(budget, providerName),
    month: month.key,
    spent: sums.spent,
    reserved: sums.reserved,
    remaining: nanodollars(budget.monthlyCap - used),
    percentUsed: budget.monthlyCap === 0 ? (used > 0 ? 100 : 0) : Math.floor((used * 100) / budget.monthlyCap),
  };
}

export function describeRefusal(cap: CapStatus, estimate: Nanodollars | null): string {
  const reserved = cap.reserved > 0 ? ` (plus ${formatUsdForDisplay(cap.reserved)} held by running requests)` : '';
  const request =
    estimate === null ? 'the cap is already reached' : `this request is estimated at ${formatUsdForDisplay(estimate)}`;
  return (
    `${cap.label} would be exceeded: ${formatUsdForDisplay(cap.spent)} spent of ${formatUsdForDisplay(cap.budget.monthlyCap)} ` +
    `in ${cap.month}${reserved}; ${request}. Raise the cap, or allow this one request past it.`
  );
}

/** A request estimated at `estimate` passes the cap; with an unknown price, only a cap already reached stops it. */
export function wouldExceed(cap: CapStatus, estimate: Nanodollars | null): boolean {
  return estimate === null ? cap.remaining <= 0 : estimate > cap.remaining;
}

/** Spent + reserved + the estimate reach the cap's warning threshold. */
export function wouldWarn(cap: CapStatus, estimate: Nanodollars | null): boolean {
  const after = cap.budget.monthlyCap - cap.remaining + (estimate ?? 0);
  return after * 100 >= cap.budget.monthlyCap * cap.budget.warnAtPercent;
}
