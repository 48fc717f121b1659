import type Database from 'better-sqlite3';
import type { CapOutlook, ForecastRange, ForecastView } from '../../../shared/contract/insights-contract';
import type { BudgetService } from '../budgets/budget-service';
import type { CapStatus } from '../budgets/cap-status';
import { daysInMonth, monthLabel } from '../reports/local-days';
import { wallClockAt } from '../time/zoned-calendar';
import { dailySpend } from './daily-spend';
import { forecastMonthEnd, type MonthForecast } from './spend-forecast';

export interface MonthForecastDeps {
  sqlite: Database.Database;
  budgets: BudgetService;
  timeZone: () => string;
  clock: () => number;
}

/** The month-end forecast of all spend and of each cap's own scope (its provider's or model's requests). */
export class MonthForecaster {
  constructor(private readonly deps: MonthForecastDeps) {}

  /** All spending's forecast for the month holding `now`: what Spending's month panel projects. */
  overall(now = this.deps.clock()): MonthForecast {
    return this.forecastOf(now, {});
  }

  view(): ForecastView {
    const now = this.deps.clock();
    const overview = this.deps.budgets.overview(now);
    const today = wallClockAt(now, this.deps.timeZone());
    const monthDays = daysInMonth(today.year, today.month);
    const forecastOf = (scope: { providerId?: string; model?: string }) => this.forecastOf(now, scope);
    const all = forecastOf({});
    return {
      month: overview.month.key,
      label: monthLabel(overview.month.key),
      daysElapsed: today.day,
      daysInMonth: monthDays,
      spentNanos: all.spent,
      forecast: range(all),
      caps: overview.caps.map((cap) => {
        const forecast = forecastOf(scopeOf(cap));
        return {
          budgetId: cap.budget.id,
          label: cap.label,
          capNanos: cap.budget.monthlyCap,
          spentNanos: cap.spent,
          forecast: range(forecast),
          outlook: outlook(cap, forecast),
        };
      }),
    };
  }

  private forecastOf(now: number, scope: { providerId?: string; model?: string }): MonthForecast {
    const timeZone = this.deps.timeZone();
    const today = wallClockAt(now, timeZone);
    const month = `${String(today.year).padStart(4, '0')}-${String(today.month).padStart(2, '0')}`;
    const days = dailySpend(this.deps.sqlite, `${month}-01`, `${month}-${String(today.day).padStart(2, '0')}`, timeZone, scope);
    return forecastMonthEnd(days, daysInMonth(today.year, today.month));
  }
}

function scopeOf(cap: CapStatus): { providerId?: string; model?: string } {
  if (cap.budget.scope === 'provider') return { providerId: cap.budget.scopeValue };
  if (cap.budget.scope === 'model') return { model: cap.budget.scopeValue };
  return {};
}

function range(forecast: MonthForecast): ForecastRange {
  return { lowNanos: forecast.low, expectedNanos: forecast.expected, highNanos: forecast.high };
}

/** Passed already; expected past the cap; only the upper end past it; or within it. */
function outlook(cap: CapStatus, forecast: MonthForecast): CapOutlook {
  const limit = cap.budget.monthlyCap;
  if (cap.percentUsed >= 100) return 'passed';
  if (forecast.expected > limit) return 'likely-passes';
  if (forecast.high > limit) return 'may-pass';
  return 'within';
}
