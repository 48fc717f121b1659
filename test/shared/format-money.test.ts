import { describe, expect, it } from 'vitest';
import { formatMoneyForDisplay, formatUsdForDisplay } from '../../src/shared/format-money';
import { formatUsd, nanodollars, parseUsd } from '../../src/shared/money';

describe('money for display', () => {
  it('shows cents from a dollar on, and more places below so small costs do not read as zero', () => {
    expect(formatUsdForDisplay(parseUsd('12.5'))).toBe('$12.50');
    expect(formatUsdForDisplay(parseUsd('0.0123'))).toBe('$0.0123');
    expect(formatUsdForDisplay(parseUsd('0.000375'))).toBe('$0.000375');
    expect(formatUsdForDisplay(nanodollars(0))).toBe('$0.00');
    expect(formatUsdForDisplay(parseUsd('-3.2'))).toBe('-$3.20');
  });

  it('parses and prints dollars exactly, with no float on the way', () => {
    expect(parseUsd('0.01875')).toBe(18_750_000);
    expect(formatUsd(parseUsd('0.1'))).toBe('0.100000000');
    expect(formatUsd(nanodollars(1), 2)).toBe('0.00');
    expect(() => parseUsd('0.0000000001')).toThrow('not a dollar amount with at most 9 decimals');
  });

  it('converts to the display currency exactly at the user\'s rate, half to even', () => {
    const eur = { code: 'EUR', usdRate: '0.92' };
    expect(formatMoneyForDisplay(parseUsd('12.50'), eur)).toBe('€11.50');
    expect(formatMoneyForDisplay(parseUsd('0.000375'), eur)).toBe('€0.000345');
    // 1 nano-dollar × 0.5 = 0.5 nano-euro: half to even gives 0.
    expect(formatMoneyForDisplay(nanodollars(1), { code: 'EUR', usdRate: '0.5' })).toBe('€0.00');
    expect(formatMoneyForDisplay(parseUsd('1'), { code: 'CNY', usdRate: '7.2' })).toBe('CN¥7.20');
    expect(formatMoneyForDisplay(parseUsd('1'), null)).toBe('$1.00');
    expect(formatMoneyForDisplay(parseUsd('-2'), eur)).toBe('-€1.84');
  });
});
