import { parseArgs } from 'node:util';
import { formatUsdForDisplay } from '../../../shared/format-money';
import { formatUsd, MoneyRangeError, parseEnteredUsd, type Nanodollars } from '../../../shared/money';
import type { BudgetScope, CapStatus } from '../../core/budgets/budget-service';
import { CliUsageError, EXIT, type CliCommand, type CliIo } from '../cli-io';
import { refusalsAsUsage, withCore } from '../with-core';

const USAGE = [
  'tallychat budget set --monthly USD [--provider ID | --model MODEL] [--warn-at PCT] [--strict | --no-strict] [--data-dir DIR]',
  '       tallychat budget status [--json] [--data-dir DIR]',
  '       tallychat budget clear (--overall | --provider ID | --model MODEL) [--data-dir DIR]',
].join('\n');

export const budgetCommand: CliCommand = {
  name: 'budget',
  summary: 'Set, show and clear monthly spend caps (overall, per provider, per model)',
  usage: USAGE,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'set') return setCap(rest, io);
    if (subcommand === 'status') return showStatus(rest, io);
    if (subcommand === 'clear') return clearCap(rest, io);
    throw new CliUsageError(
      subcommand === undefined ? 'say what to do: set, status or clear' : `unknown subcommand "${subcommand}": use set, status or clear`,
    );
  },
};

async function setCap(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      monthly: { type: 'string' },
      provider: { type: 'string' },
      model: { type: 'string' },
      'warn-at': { type: 'string' },
      strict: { type: 'boolean', default: false },
      'no-strict': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  if (values.monthly === undefined) throw new CliUsageError('--monthly is required (the cap in US dollars, e.g. --monthly 20)');
  const monthlyCap = parseDollars(values.monthly);
  const scope = scopeOf(values.provider, values.model);
  const warnAtPercent = values['warn-at'] === undefined ? undefined : parsePercent(values['warn-at']);
  if (values.strict && values['no-strict']) throw new CliUsageError('--strict and --no-strict contradict each other');

  // Neither flag: the strict-by-default setting decides, as it does in Settings.
  const strict = values.strict ? true : values['no-strict'] ? false : undefined;

  return withCore(values['data-dir'], io, (core) => {
    const status = refusalsAsUsage(() => core.services.budgets.set({ ...scope, monthlyCap, strict, warnAtPercent }));
    const budget = status.budget;
    io.stdout(
      `${status.label}: ${formatUsdForDisplay(budget.monthlyCap)} a month, warning at ${budget.warnAtPercent}%, ` +
        `${budget.strict ? 'strict (a running answer is cut off at the cap)' : 'not strict (a running answer may finish past the cap; the next request is refused)'}.\n` +
        `${status.month}: ${formatUsdForDisplay(status.spent)} spent, ${formatUsdForDisplay(status.reserved)} reserved, ` +
        `${formatUsdForDisplay(status.remaining)} remaining (${status.percentUsed}% used).\n`,
    );
    return EXIT.ok;
  });
}

async function showStatus(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  return withCore(values['data-dir'], io, (core) => {
    const { month, timeZone, caps } = core.services.budgets.overview();
    if (values.json) {
      io.stdout(`${JSON.stringify({ month: month.key, time_zone: timeZone, caps: caps.map(capJson) }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (caps.length === 0) {
      io.stdout('No monthly caps are set. Set one with `tallychat budget set --monthly USD`.\n');
      return EXIT.ok;
    }
    io.stdout(`Monthly caps for ${month.key} (time zone ${timeZone}):\n${capTable(caps)}`);
    return EXIT.ok;
  });
}

async function clearCap(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      overall: { type: 'boolean', default: false },
      provider: { type: 'string' },
      model: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const chosen = [values.overall, values.provider !== undefined, values.model !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new CliUsageError('say which cap to clear: exactly one of --overall, --provider ID or --model MODEL');
  const scope = scopeOf(values.provider, values.model);

  return withCore(values['data-dir'], io, (core) => {
    const existing = core.services.budgets.clear(scope.scope, scope.scopeValue);
    if (!existing) {
      const which = scope.scope === 'overall' ? 'no overall monthly cap is set' : `no monthly cap is set for ${scope.scope} "${scope.scopeValue}"`;
      io.stderr(`tallychat budget: nothing to clear: ${which}.\n`);
      return EXIT.failure;
    }
    io.stdout(`Cleared the ${existing.label} (it was ${formatUsdForDisplay(existing.budget.monthlyCap)} a month).\n`);
    return EXIT.ok;
  });
}

function scopeOf(provider: string | undefined, model: string | undefined): { scope: BudgetScope; scopeValue: string } {
  if (provider !== undefined && model !== undefined) {
    throw new CliUsageError('a cap is for one provider or one model, not both: give --provider or --model');
  }
  if (provider !== undefined) return { scope: 'provider', scopeValue: nonEmpty('--provider', provider) };
  if (model !== undefined) return { scope: 'model', scopeValue: nonEmpty('--model', model) };
  return { scope: 'overall', scopeValue: '' };
}

function nonEmpty(flag: string, value: string): string {
  if (!value.trim()) throw new CliUsageError(`${flag} needs a value`);
  return value;
}

function parseDollars(text: string): Nanodollars {
  try {
    const value = parseEnteredUsd(text);
    if (value < 0) throw new CliUsageError(`--monthly cannot be negative, got "${text}"`);
    return value;
  } catch (error) {
    if (!(error instanceof MoneyRangeError)) throw error;
    throw new CliUsageError(`--monthly takes US dollars with at most 9 decimals, below 9,000,000 (e.g. 20 or 12.50), got "${text}"`);
  }
}

function parsePercent(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 100) {
    throw new CliUsageError(`--warn-at takes a whole percentage from 1 to 100, got "${text}"`);
  }
  return value;
}

function capJson(cap: CapStatus) {
  return {
    label: cap.label,
    scope: cap.budget.scope,
    scope_value: cap.budget.scopeValue,
    cap_usd: formatUsd(cap.budget.monthlyCap),
    spent_usd: formatUsd(cap.spent),
    reserved_usd: formatUsd(cap.reserved),
    remaining_usd: formatUsd(cap.remaining),
    percent_used: cap.percentUsed,
    warn_at_percent: cap.budget.warnAtPercent,
    strict: cap.budget.strict,
  };
}

/** State of a cap as the user reads it: under its warning line, past it, or at the hard stop. */
function stateOf(cap: CapStatus): string {
  if (cap.percentUsed >= 100) return 'reached';
  return cap.percentUsed >= cap.budget.warnAtPercent ? 'warning' : 'ok';
}

function capTable(caps: CapStatus[]): string {
  const header = ['CAP', 'MONTHLY', 'SPENT', 'RESERVED', 'REMAINING', 'USED', 'WARN AT', 'STRICT', 'STATE'];
  const rows = caps.map((cap) => [
    cap.label,
    formatUsdForDisplay(cap.budget.monthlyCap),
    formatUsdForDisplay(cap.spent),
    formatUsdForDisplay(cap.reserved),
    formatUsdForDisplay(cap.remaining),
    `${cap.percentUsed}%`,
    `${cap.budget.warnAtPercent}%`,
    cap.budget.strict ? 'yes' : 'no',
    stateOf(cap),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  // The label and the yes/no columns read left to right; amounts and percentages line up on the right.
  const leftAligned = new Set([0, 7, 8]);
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (leftAligned.has(column) ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
