import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/ipc-result';
import type { BudgetsView } from '../../../shared/contract/settings-contract';
import { MAX_ENTERED_USD, MoneyRangeError, parseEnteredUsd, type Nanodollars } from '../../../shared/money';
import type { BudgetScope, BudgetStore } from '../budgets/budget-store';
import { capStatus } from '../budgets/cap-status';
import { toCapView } from '../budgets/cap-views';
import type { ProviderStore } from '../provider-config/provider-store';
import type { SettingsStore } from '../settings/settings-store';
import { monthRangeAt } from '../time/zoned-calendar';

export interface BudgetSettingsDeps {
  sqlite: Database.Database;
  budgets: BudgetStore;
  providers: ProviderStore;
  settings: SettingsStore;
  providerName: (id: string) => string;
  clock: () => number;
}

export interface BudgetChange {
  scope: BudgetScope;
  scopeValue?: string | undefined;
  /** Decimal US dollars per month, as typed. */
  cap: string;
  warnAtPercent?: number | undefined;
  strict?: boolean | undefined;
}

/** The monthly caps, edited in Settings; what each has spent comes from the ledger, never a counter. */
export class BudgetSettings {
  constructor(private readonly deps: BudgetSettingsDeps) {}

  view(): BudgetsView {
    const { deps } = this;
    const month = monthRangeAt(deps.clock(), deps.settings.get('timeZone'));
    return {
      month: month.key,
      caps: deps.budgets.list().map((budget) => toCapView(capStatus(deps.sqlite, budget, month, deps.providerName))),
      providers: deps.providers.list().map((p) => ({ id: p.id, name: p.name })),
      strictCapsByDefault: deps.settings.get('strictCapsByDefault'),
    };
  }

  set(change: BudgetChange): BudgetsView {
    const scopeValue = this.scopeValue(change.scope, change.scopeValue);
    this.deps.budgets.set(
      {
        scope: change.scope,
        scopeValue,
        monthlyCap: enteredCap(change.cap),
        ...(change.warnAtPercent !== undefined ? { warnAtPercent: change.warnAtPercent } : {}),
        strict: change.strict ?? this.deps.settings.get('strictCapsByDefault'),
      },
      this.deps.clock(),
    );
    return this.view();
  }

  clear(scope: BudgetScope, scopeValue: string | undefined): BudgetsView {
    this.deps.budgets.clear(scope, scope === 'overall' ? '' : (scopeValue ?? ''));
    return this.view();
  }

  private scopeValue(scope: BudgetScope, value: string | undefined): string {
    if (scope === 'overall') return '';
    if (!value) throw new AppError('invalid_request', `Choose the ${scope} this cap applies to.`);
    if (scope === 'provider' && !this.deps.providers.get(value)) throw new AppError('not_found', 'That provider no longer exists.');
    return value;
  }
}

/** The same bound the CLI names: a cap past it is the user's to fix, not an internal error. */
function enteredCap(text: string): Nanodollars {
  try {
    return parseEnteredUsd(text);
  } catch (error) {
    if (!(error instanceof MoneyRangeError)) throw error;
    throw new AppError('invalid_request', `A monthly cap is US dollars below ${MAX_ENTERED_USD.toLocaleString('en-US')}; got ${text}.`);
  }
}
