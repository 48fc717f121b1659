import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { nanodollars, type Nanodollars } from '../../../shared/money';

export type BudgetScope = 'overall' | 'provider' | 'model';

export interface Budget {
  id: string;
  scope: BudgetScope;
  /** Provider id for 'provider', model name for 'model', '' for 'overall'. */
  scopeValue: string;
  monthlyCap: Nanodollars;
  warnAtPercent: number;
  strict: boolean;
}

export interface BudgetInput {
  scope: BudgetScope;
  scopeValue?: string;
  monthlyCap: Nanodollars;
  warnAtPercent?: number;
  strict?: boolean;
}

interface BudgetRow {
  id: string;
  scope: BudgetScope;
  scope_value: string;
  monthly_cap_usd_nanos: number;
  warn_at_percent: number;
  strict: number;
}

const toBudget = (row: BudgetRow): Budget => ({
  id: row.id,
  scope: row.scope,
  scopeValue: row.scope_value,
  monthlyCap: nanodollars(row.monthly_cap_usd_nanos),
  warnAtPercent: row.warn_at_percent,
  strict: row.strict === 1,
});

/** Monthly caps: at most one per scope (overall, each provider, each model). */
export class BudgetStore {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly newId: () => string = randomUUID,
  ) {}

  list(): Budget[] {
    return (this.sqlite.prepare('SELECT * FROM budgets ORDER BY scope, scope_value').all() as BudgetRow[]).map(toBudget);
  }

  /** The caps that apply to one request: overall, its provider's, its model's. */
  applicableTo(providerId: string, model: string): Budget[] {
    return (
      this.sqlite
        .prepare(
          `SELECT * FROM budgets WHERE scope = 'overall'
             OR (scope = 'provider' AND scope_value = ?) OR (scope = 'model' AND scope_value = ?)`,
        )
        .all(providerId, model) as BudgetRow[]
    ).map(toBudget);
  }

  /** Sets the cap for a scope, replacing the one there was. */
  set(input: BudgetInput, now: number): Budget {
    const scopeValue = input.scope === 'overall' ? '' : (input.scopeValue ?? '');
    if (input.scope !== 'overall' && !scopeValue) throw new RangeError(`A ${input.scope} cap needs the ${input.scope} it applies to`);
    if (input.monthlyCap < 0) throw new RangeError('A cap cannot be negative');
    const warnAtPercent = input.warnAtPercent ?? 80;
    if (!Number.isInteger(warnAtPercent) || warnAtPercent < 1 || warnAtPercent > 100) {
      throw new RangeError('The warning threshold is a whole percentage from 1 to 100');
    }
    this.sqlite
      .prepare(
        `INSERT INTO budgets (id, scope, scope_value, monthly_cap_usd_nanos, warn_at_percent, strict, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope, scope_value) DO UPDATE SET monthly_cap_usd_nanos = excluded.monthly_cap_usd_nanos,
           warn_at_percent = excluded.warn_at_percent, strict = excluded.strict, updated_at = excluded.updated_at`,
      )
      .run(this.newId(), input.scope, scopeValue, input.monthlyCap, warnAtPercent, input.strict ? 1 : 0, now, now);
    return toBudget(
      this.sqlite.prepare('SELECT * FROM budgets WHERE scope = ? AND scope_value = ?').get(input.scope, scopeValue) as BudgetRow,
    );
  }

  clear(scope: BudgetScope, scopeValue = ''): boolean {
    return this.sqlite.prepare('DELETE FROM budgets WHERE scope = ? AND scope_value = ?').run(scope, scopeValue).changes > 0;
  }
}
