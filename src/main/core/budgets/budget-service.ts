import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/ipc-result';
import type { Nanodollars } from '../../../shared/money';
import { sumSpend } from '../ledger/ledger-sums';
import { providerTarget } from '../provider-config/provider-target';
import type { ProviderStore } from '../provider-config/provider-store';
import { monthRangeAt, type MonthRange } from '../time/zoned-calendar';
import type { Budget, BudgetScope, BudgetStore } from './budget-store';
import { capLabel, capStatus, describeRefusal, wouldExceed, wouldWarn, type CapStatus, type ProviderNames } from './cap-status';

export type { Budget, BudgetScope } from './budget-store';
export type { CapStatus } from './cap-status';

export interface BudgetServiceDeps {
  sqlite: Database.Database;
  budgets: BudgetStore;
  providers: ProviderStore;
  providerName: ProviderNames;
  /** The settings' time zone: a month is a calendar month there. */
  timeZone: () => string;
  strictByDefault: () => boolean;
  clock: () => number;
}

export interface CapChange {
  scope: BudgetScope;
  scopeValue?: string | undefined;
  monthlyCap: Nanodollars;
  warnAtPercent?: number | undefined;
  /** Omitted: the strict-by-default setting decides. */
  strict?: boolean | undefined;
}

/** Every cap in force this month, with what the ledger says each has used. */
export interface MonthOverview {
  month: MonthRange;
  timeZone: string;
  spent: Nanodollars;
  reserved: Nanodollars;
  /** Overall first, then each provider's cap, then each model's: widest to narrowest. */
  caps: CapStatus[];
}

/** How one request estimated at `estimate` stands against the caps that apply to it. */
export interface CapDecision {
  caps: CapStatus[];
  /** The cap with the least room among those the request would pass; undefined when none. */
  blocking: CapStatus | undefined;
  refusal: string | null;
  warnings: CapStatus[];
}

const SCOPE_ORDER: Record<BudgetScope, number> = { overall: 0, provider: 1, model: 2 };

/**
 * The one place budget rules live: which caps apply to a provider/model at an instant, the
 * month's overview, setting and clearing caps (with the same validation for every host), and
 * pre-flight's decision of which cap blocks a request. "Spent" is always the ledger's sum.
 */
export class BudgetService {
  constructor(private readonly deps: BudgetServiceDeps) {}

  /** The calendar month holding `at` in the settings' time zone. */
  monthAt(at: number): MonthRange {
    return monthRangeAt(at, this.deps.timeZone());
  }

  /** The caps that apply to one request made at `at`: overall, its provider's, its model's. */
  capsFor(providerId: string, model: string, at: number): CapStatus[] {
    const month = this.monthAt(at);
    return this.deps.budgets.applicableTo(providerId, model).map((budget) => this.status(budget, month));
  }

  decide(caps: CapStatus[], estimate: Nanodollars | null): CapDecision {
    const blocking = caps.filter((cap) => wouldExceed(cap, estimate)).sort((a, b) => a.remaining - b.remaining)[0];
    return {
      caps,
      blocking,
      refusal: blocking ? describeRefusal(blocking, estimate) : null,
      warnings: caps.filter((cap) => wouldWarn(cap, estimate)),
    };
  }

  overview(at = this.deps.clock()): MonthOverview {
    const month = this.monthAt(at);
    const sums = sumSpend(this.deps.sqlite, month);
    const caps = this.deps.budgets
      .list()
      .sort(byScope)
      .map((budget) => this.status(budget, month));
    return { month, timeZone: this.deps.timeZone(), spent: sums.spent, reserved: sums.reserved, caps };
  }

  /** Sets the cap of a scope, replacing the one there was; the same checks for the window and the CLI. */
  set(change: CapChange): CapStatus {
    const scopeValue = this.scopeValue(change.scope, change.scopeValue);
    if (change.monthlyCap < 0) throw new AppError('invalid_request', 'A cap cannot be negative.');
    const warnAtPercent = change.warnAtPercent ?? 80;
    if (!Number.isInteger(warnAtPercent) || warnAtPercent < 1 || warnAtPercent > 100) {
      throw new AppError('invalid_request', 'The warning threshold is a whole percentage from 1 to 100.');
    }
    const now = this.deps.clock();
    const budget = this.deps.budgets.set(
      { scope: change.scope, scopeValue, monthlyCap: change.monthlyCap, warnAtPercent, strict: change.strict ?? this.deps.strictByDefault() },
      now,
    );
    return this.status(budget, this.monthAt(now));
  }

  /** Removes the cap of a scope; returns the cap that was there (and its label), or undefined when there was none. */
  clear(scope: BudgetScope, scopeValue: string | undefined): { budget: Budget; label: string } | undefined {
    const value = scope === 'overall' ? '' : (scopeValue ?? '');
    const existing = this.deps.budgets.list().find((b) => b.scope === scope && b.scopeValue === value);
    if (!existing || !this.deps.budgets.clear(scope, value)) return undefined;
    return { budget: existing, label: capLabel(existing, this.deps.providerName) };
  }

  private status(budget: Budget, month: MonthRange): CapStatus {
    return capStatus(this.deps.sqlite, budget, month, this.deps.providerName);
  }

  private scopeValue(scope: BudgetScope, value: string | undefined): string {
    if (scope === 'overall') return '';
    if (!value?.trim()) throw new AppError('invalid_request', `Choose the ${scope} this cap applies to.`);
    // A cap on a misspelt provider would never apply.
    if (scope === 'provider') providerTarget(this.deps.providers, value);
    return value;
  }
}

function byScope(a: Budget, b: Budget): number {
  return SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] || a.scopeValue.localeCompare(b.scopeValue);
}
