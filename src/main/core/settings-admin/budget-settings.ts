import type { BudgetsView } from '../../../shared/contract/settings-contract';
import { AppError } from '../../../shared/contract/ipc-result';
import { MAX_ENTERED_USD, MoneyRangeError, parseEnteredUsd, type Nanodollars } from '../../../shared/money';
import type { BudgetScope, BudgetService } from '../budgets/budget-service';
import { toCapView } from '../budgets/cap-views';
import type { ProviderStore } from '../provider-config/provider-store';
import type { SettingsStore } from '../settings/settings-store';

export interface BudgetSettingsDeps {
  budgets: BudgetService;
  providers: ProviderStore;
  settings: SettingsStore;
}

export interface BudgetChange {
  scope: BudgetScope;
  scopeValue?: string | undefined;
  /** Decimal US dollars per month, as typed. */
  cap: string;
  warnAtPercent?: number | undefined;
  strict?: boolean | undefined;
}

/** The monthly caps as Settings edits them: dollar text in, the month's view out; the rules are the budget service's. */
export class BudgetSettings {
  constructor(private readonly deps: BudgetSettingsDeps) {}

  view(): BudgetsView {
    const { deps } = this;
    const overview = deps.budgets.overview();
    return {
      month: overview.month.key,
      caps: overview.caps.map(toCapView),
      providers: deps.providers.list().map((p) => ({ id: p.id, name: p.name })),
      strictCapsByDefault: deps.settings.get('strictCapsByDefault'),
    };
  }

  set(change: BudgetChange): BudgetsView {
    this.deps.budgets.set({
      scope: change.scope,
      scopeValue: change.scopeValue,
      monthlyCap: enteredCap(change.cap),
      warnAtPercent: change.warnAtPercent,
      strict: change.strict,
    });
    return this.view();
  }

  clear(scope: BudgetScope, scopeValue: string | undefined): BudgetsView {
    this.deps.budgets.clear(scope, scopeValue);
    return this.view();
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
