import { z } from 'zod';
import { method } from './define-method';

export type CapScope = 'overall' | 'provider' | 'model';

/** One monthly cap and where this month stands against it, from the ledger's sums. */
export interface CapView {
  budgetId: string;
  label: string;
  scope: CapScope;
  scopeValue: string;
  month: string;
  capNanos: number;
  spentNanos: number;
  reservedNanos: number;
  remainingNanos: number;
  percentUsed: number;
  warnAtPercent: number;
  strict: boolean;
}

export interface BudgetOverview {
  month: string;
  spentNanos: number;
  reservedNanos: number;
  caps: CapView[];
}

export const budgetContract = {
  /** This month's spend (and what running requests hold) with every cap, for the status strip. */
  budgetOverview: method<BudgetOverview>()(z.object({}).strict()),
};
