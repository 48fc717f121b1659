import { describe, expect, it } from 'vitest';
import { compareBill, sameModel, type LedgerDayModel } from '../../src/main/core/bill-check/bill-comparison';
import { decimalToNanos, dollarNumberToNanos, NANOS_PER_CENT, NANOS_PER_DOLLAR } from '../../src/main/core/bill-check/decimal-amounts';
import { nanodollars } from '../../src/shared/money';
import { percentOfBasisPoints } from '../../src/shared/format-bill';

const ledger = (day: string, model: string, costNanos: number): LedgerDayModel => ({
  day,
  model,
  requests: 1,
  costNanos,
  unpricedRequests: 0,
  comparedCostNanos: costNanos,
  providerFigureNanos: costNanos,
  withoutProviderFigure: 0,
});
const line = (day: string, amount: number, model: string | null = 'gpt-4o', scope: string | null = null) => ({
  day,
  scope,
  model,
  lineItem: null,
  amountNanos: nanodollars(amount),
});

describe('vendor amounts to nano-dollars, exactly', () => {
  it('reads cents and dollars as text, scales in BigInt and rounds half to even only past the ninth decimal of a dollar', () => {
    expect(decimalToNanos('1.2345678', NANOS_PER_CENT)).toBe(12_345_678);
    expect(decimalToNanos('123.45', NANOS_PER_CENT)).toBe(1_234_500_000);
    expect(decimalToNanos('0.00000005', NANOS_PER_CENT)).toBe(0);
    expect(decimalToNanos('0.00000015', NANOS_PER_CENT)).toBe(2);
    expect(decimalToNanos('110.00', NANOS_PER_DOLLAR)).toBe(110_000_000_000);
    expect(decimalToNanos('1.5e-7', NANOS_PER_DOLLAR)).toBe(150);
    expect(dollarNumberToNanos(0.0042)).toBe(4_200_000);
    // A float sum OpenAI may send: its shortest decimal text, rounded at the nano-dollar.
    expect(dollarNumberToNanos(0.1 + 0.2)).toBe(300_000_000);
    expect(() => decimalToNanos('12,5', NANOS_PER_CENT)).toThrow('not a decimal amount: "12,5"');
  });
});

describe('compareBill', () => {
  it('flags only a difference above the threshold, compared without rounding', () => {
    const days = compareBill({
      days: ['2026-11-01', '2026-11-02', '2026-11-03'],
      ledger: [ledger('2026-11-01', 'gpt-4o', 1_000_000), ledger('2026-11-02', 'gpt-4o', 1_000_000)],
      billed: [
        { day: '2026-11-01', kind: 'cost-report', lines: [line('2026-11-01', 1_020_000)] },
        { day: '2026-11-02', kind: 'cost-report', lines: [line('2026-11-02', 979_999)] },
        { day: '2026-11-03', kind: 'cost-report', lines: [line('2026-11-03', 1, null)] },
      ],
      ownScope: null,
      thresholdBasisPoints: 200,
    });
    expect(days.map((d) => [d.differenceNanos, d.differenceBasisPoints, d.flagged])).toEqual([
      [20_000, 200, false],
      [-20_001, -200, true],
      // Billed with nothing in the ledger: flagged, with no percentage to give.
      [1, null, true],
    ]);
  });

  it('a day no fetch covered has no billed figure and is never flagged', () => {
    const [day] = compareBill({ days: ['2026-11-01'], ledger: [ledger('2026-11-01', 'gpt-4o', 5)], billed: [], ownScope: null, thresholdBasisPoints: 200 });
    expect(day).toMatchObject({ ledgerNanos: 5, billedNanos: null, differenceNanos: null, flagged: false, otherAppNanos: null });
  });

  it('dated snapshots and aliases are one model; other vendors’ prefixes are dropped', () => {
    expect(sameModel('gpt-4o-mini-2024-07-18', 'gpt-4o-mini')).toBe(true);
    expect(sameModel('claude-sonnet-4-20250514', 'claude-sonnet-4-0')).toBe(true);
    expect(sameModel('claude-3-5-sonnet-latest', 'claude-3-5-sonnet-20241022')).toBe(true);
    expect(sameModel('gpt-4o', 'gpt-4o-mini')).toBe(false);
    expect(sameModel('o3-2025-04-16', 'o3-mini')).toBe(false);
  });

  it('percentages read from basis points', () => {
    expect([500, -667, 0, 1, 12_345].map(percentOfBasisPoints)).toEqual(['+5.00%', '-6.67%', '0.00%', '+0.01%', '+123.45%']);
  });
});
