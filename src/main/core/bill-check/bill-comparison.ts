import { roundHalfEven } from '../../../shared/money';
import type { BilledCostLine } from './bill-types';

/** The ledger's sums for one UTC day and model of one provider. */
export interface LedgerDayModel {
  day: string;
  model: string;
  requests: number;
  /** Our cost of the priced rows. */
  costNanos: number;
  /** Rows whose model had no known price: their cost is unknown, not zero. */
  unpricedRequests: number;
  /** Over the rows the provider priced (OpenRouter), ours and theirs. */
  comparedCostNanos: number;
  providerFigureNanos: number;
  withoutProviderFigure: number;
}

/** What the vendor billed on one day: cost-report lines, or per-request figures (OpenRouter). */
export type BilledDay =
  | { day: string; kind: 'cost-report'; lines: readonly BilledCostLine[] }
  | { day: string; kind: 'per-request' };

export interface OtherAppLine {
  /** The model the vendor named, or the project/workspace, for the reader. */
  label: string;
  amountNanos: number;
}

export interface ComparedDay {
  day: string;
  ledgerNanos: number;
  /** What the vendor billed for Tallychat's use that day; null when no fetch covered the day. */
  billedNanos: number | null;
  /** billed − ledger; null with no billed figure. */
  differenceNanos: number | null;
  /** The difference as a share of the ledger in basis points (1/100 %), half to even; null when the ledger is 0. */
  differenceBasisPoints: number | null;
  flagged: boolean;
  /** Billed usage Tallychat never sent (another app on the account); null where the vendor cannot tell. */
  otherAppNanos: number | null;
  otherApp: OtherAppLine[];
  requests: number;
  unpricedRequests: number;
  /** Requests the per-request comparison could not include: the provider's figure is not known yet. */
  uncomparedRequests: number;
}

export interface ComparisonInput {
  days: readonly string[];
  ledger: readonly LedgerDayModel[];
  billed: readonly BilledDay[];
  /** The project (OpenAI) or workspace (Anthropic) Tallychat's key belongs to; null counts every one as Tallychat's. */
  ownScope: string | null;
  thresholdBasisPoints: number;
}

/**
 * Provider-billed against the ledger, day by day, in integer nano-dollars. A billed line is
 * another app's when it was billed to another project/workspace than Tallychat's, or names a
 * model Tallychat sent no request to that day; everything else the vendor billed is compared
 * with the ledger, and a day whose difference exceeds the threshold is flagged.
 */
export function compareBill(input: ComparisonInput): ComparedDay[] {
  const ledgerByDay = groupBy(input.ledger, (row) => row.day);
  const billedByDay = new Map(input.billed.map((b) => [b.day, b]));
  return input.days.map((day) => {
    const rows = ledgerByDay.get(day) ?? [];
    const billed = billedByDay.get(day);
    const requests = sum(rows, (r) => r.requests);
    const unpricedRequests = sum(rows, (r) => r.unpricedRequests);
    const base = { day, requests, unpricedRequests };
    if (!billed) {
      const ledgerNanos = sum(rows, (r) => r.costNanos);
      return { ...base, ledgerNanos, billedNanos: null, differenceNanos: null, differenceBasisPoints: null, flagged: false, otherAppNanos: null, otherApp: [], uncomparedRequests: 0 };
    }
    if (billed.kind === 'per-request') {
      const ledgerNanos = sum(rows, (r) => r.comparedCostNanos);
      const billedNanos = sum(rows, (r) => r.providerFigureNanos);
      return { ...base, ...difference(ledgerNanos, billedNanos, input.thresholdBasisPoints), otherAppNanos: null, otherApp: [], uncomparedRequests: sum(rows, (r) => r.withoutProviderFigure) };
    }
    const models = rows.map((r) => r.model);
    const ours: BilledCostLine[] = [];
    const others = new Map<string, number>();
    for (const line of billed.lines) {
      const otherScope = input.ownScope !== null && line.scope !== input.ownScope;
      const otherModel = line.model !== null && !models.some((model) => sameModel(line.model!, model));
      if (!otherScope && !otherModel) {
        ours.push(line);
        continue;
      }
      const label = otherScope ? `${line.scope ?? 'default'}${line.model ? ` · ${line.model}` : ''}` : line.model!;
      others.set(label, (others.get(label) ?? 0) + line.amountNanos);
    }
    const ledgerNanos = sum(rows, (r) => r.costNanos);
    const otherApp = [...others].map(([label, amountNanos]) => ({ label, amountNanos })).sort((a, b) => b.amountNanos - a.amountNanos || a.label.localeCompare(b.label));
    return {
      ...base,
      ...difference(ledgerNanos, sum(ours, (l) => l.amountNanos), input.thresholdBasisPoints),
      otherAppNanos: sum(otherApp, (l) => l.amountNanos),
      otherApp,
      uncomparedRequests: 0,
    };
  });
}

function difference(ledgerNanos: number, billedNanos: number, thresholdBasisPoints: number) {
  const differenceNanos = billedNanos - ledgerNanos;
  const differenceBasisPoints = ledgerNanos === 0 ? null : Number(roundHalfEven(BigInt(differenceNanos) * 10_000n, BigInt(ledgerNanos)));
  // Compared in BigInt: |difference| × 10,000 > threshold × ledger, so no rounding decides a flag.
  const flagged =
    ledgerNanos === 0 ? differenceNanos !== 0 : BigInt(Math.abs(differenceNanos)) * 10_000n > BigInt(thresholdBasisPoints) * BigInt(ledgerNanos);
  return { ledgerNanos, billedNanos, differenceNanos, differenceBasisPoints, flagged };
}

/** Dated snapshots and aliases name one model: "gpt-4o-mini-2024-07-18" and "gpt-4o-mini", "claude-sonnet-4-20250514" and "claude-sonnet-4-0". */
export function sameModel(billed: string, ours: string): boolean {
  return baseModel(billed) === baseModel(ours);
}

function baseModel(model: string): string {
  return model
    .toLowerCase()
    .replace(/^[a-z0-9-]+\//, '')
    .replace(/-(\d{4}-\d{2}-\d{2}|\d{8}|latest|0)$/, '');
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
