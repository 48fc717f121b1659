import type { BillAccountUsageView, BillCheckView } from '../../../shared/contract/bill-check-contract';
import type { ProviderConfig } from '../provider-config/provider-store';
import type { ReportDb } from '../reports/report-db';
import { compareBill, type BilledDay } from './bill-comparison';
import type { BillMonth } from './bill-month';
import type { BillAccount, BillStore } from './bill-store';
import { VENDORS } from './bill-vendors';
import { ledgerDays, providerFiguresBetween } from './ledger-days';

interface ViewDeps {
  store: BillStore;
  reportDb: ReportDb;
}

/**
 * What the bill check shows for one provider and month, from stored figures only: the daily
 * comparison with its totals, the latest balances, and (OpenRouter) the account's usage between
 * two credit reads against Tallychat's requests. Calls no one.
 */
export function billCheckView(deps: ViewDeps, config: ProviderConfig, account: BillAccount, month: BillMonth, thresholdBasisPoints: number): BillCheckView {
  const facts = VENDORS[account.vendor];
  const balances = deps.store.latestBalances(config.id);
  const base = {
    providerId: config.id,
    providerName: config.name,
    vendor: account.vendor,
    month: month.key,
    monthLabel: month.label,
    thresholdBasisPoints,
    balances,
    accountUsage: account.vendor === 'openrouter' ? accountUsage(deps, config.id, month) : null,
    note: facts.note,
  };
  if (account.vendor === 'deepseek') {
    return { ...base, fetchedAt: balances[0]?.fetchedAt ?? null, days: [], totals: null, flaggedDays: 0 };
  }
  const stored = deps.store.latestDays(config.id, month.days);
  const billed: BilledDay[] = stored.map((day) =>
    account.vendor === 'openrouter' ? { day: day.day, kind: 'per-request' } : { day: day.day, kind: 'cost-report', lines: day.costs },
  );
  const compared = compareBill({
    days: month.days.map((d) => d.day),
    ledger: ledgerDays(deps.reportDb, config.id, month.startMs, month.endMs),
    billed,
    ownScope: account.ownScope,
    thresholdBasisPoints,
  });
  const keysByDay = new Map(stored.filter((d) => d.usage.length > 0).map((d) => [d.day, new Set(d.usage.map((u) => u.apiKeyId ?? '')).size]));
  const days = compared.map((day) => ({ ...day, apiKeys: keysByDay.get(day.day) ?? null }));
  const billedDays = days.filter((d) => d.billedNanos !== null);
  return {
    ...base,
    fetchedAt: stored.reduce<number | null>((latest, d) => (latest === null || d.fetchedAt > latest ? d.fetchedAt : latest), null),
    days,
    totals: {
      ledgerNanos: billedDays.reduce((s, d) => s + d.ledgerNanos, 0),
      billedNanos: billedDays.reduce((s, d) => s + d.billedNanos!, 0),
      differenceNanos: billedDays.reduce((s, d) => s + d.differenceNanos!, 0),
      otherAppNanos: account.vendor === 'openrouter' ? (base.accountUsage?.otherAppNanos ?? null) : billedDays.reduce((s, d) => s + d.otherAppNanos!, 0),
    },
    flaggedDays: days.filter((d) => d.flagged).length,
  };
}

/** The usage counter's move between the month's first and latest credits read, less Tallychat's requests in between. */
function accountUsage(deps: ViewDeps, providerId: string, month: BillMonth): BillAccountUsageView | null {
  const readings = deps.store.usageReadings(providerId, month.startMs, month.endMs);
  const first = readings[0];
  const last = readings[readings.length - 1];
  if (!first || !last || last.fetchedAt === first.fetchedAt) return null;
  const ours = providerFiguresBetween(deps.reportDb, providerId, first.fetchedAt, last.fetchedAt);
  const accountUsedNanos = last.usedNanos - first.usedNanos;
  return {
    fromMs: first.fetchedAt,
    toMs: last.fetchedAt,
    accountUsedNanos,
    tallychatNanos: ours.figureNanos,
    otherAppNanos: accountUsedNanos - ours.figureNanos,
    uncomparedRequests: ours.withoutFigure,
  };
}
