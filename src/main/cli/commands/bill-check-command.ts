import { parseArgs } from 'node:util';
import { BILL_VENDORS, type BillCheckAccountView, type BillCheckView, type BillVendorName } from '../../../shared/contract/bill-check-contract';
import { AppError } from '../../../shared/contract/ipc-result';
import { exactUsd, percentOfBasisPoints, signedUsd, thresholdText } from '../../../shared/format-bill';
import { CliUsageError, EXIT, type CliCommand, type CliIo } from '../cli-io';
import { asUsageError, withCore } from '../with-core';

const USAGE = [
  'tallychat bill-check [--provider ID] [--month YYYY-MM] [--no-fetch] [--json] [--data-dir DIR]',
  '       tallychat bill-check enable ID [--as deepseek] [--scope PROJECT_OR_WORKSPACE_ID] [--data-dir DIR]',
  '       tallychat bill-check disable ID [--data-dir DIR]',
].join('\n');

export const billCheckCommand: CliCommand = {
  name: 'bill-check',
  summary:
    "Check the ledger against the provider's own account (OpenAI and Anthropic admin keys from OPENAI_ADMIN_KEY / " +
    'ANTHROPIC_ADMIN_KEY): provider-billed vs ledger per UTC day, drift flagged, other apps apart',
  usage: USAGE,
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (subcommand === 'enable') return enable(rest, io);
    if (subcommand === 'disable') return disable(rest, io);
    if (subcommand !== undefined && !subcommand.startsWith('-')) throw new CliUsageError(`unknown subcommand "${subcommand}": use enable or disable, or nothing to check`);
    return check(args, io);
  },
};

async function check(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      provider: { type: 'string' },
      month: { type: 'string' },
      'no-fetch': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  return withCore(values['data-dir'], io, async (core) => {
    const billCheck = core.services.billCheck;
    const enabled = billCheck.accounts().filter((account) => account.enabled);
    const chosen = values.provider === undefined ? enabled : enabled.filter((account) => account.providerId === values.provider);
    if (chosen.length === 0) {
      throw new CliUsageError(
        values.provider === undefined
          ? 'the bill check is off for every provider: turn it on with `tallychat bill-check enable ID` or in Settings → Bill check'
          : `the bill check is off for "${values.provider}" (or no such provider): turn it on with \`tallychat bill-check enable ${values.provider}\``,
      );
    }
    let failed = false;
    const views: BillCheckView[] = [];
    for (const account of chosen) {
      try {
        views.push(values['no-fetch'] ? billCheck.view(account.providerId, values.month) : await billCheck.run(account.providerId, values.month));
      } catch (error) {
        if (error instanceof AppError && error.code === 'provider_error') {
          io.stderr(`${account.providerName}: ${error.message}\n`);
          failed = true;
          continue;
        }
        throw asUsageError(error);
      }
    }
    io.stdout(values.json ? `${JSON.stringify(views, null, 2)}\n` : views.map(billText).join('\n'));
    return failed ? EXIT.failure : EXIT.ok;
  });
}

async function enable(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { as: { type: 'string' }, scope: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new CliUsageError('give the id of one provider to check');
  if (values.as !== undefined && !(BILL_VENDORS as readonly string[]).includes(values.as)) throw new CliUsageError(`--as must be one of ${BILL_VENDORS.join(', ')}`);
  return withCore(values['data-dir'], io, async (core) => {
    let account: BillCheckAccountView;
    try {
      account = await core.services.billCheck.enable({
        providerId: positionals[0]!,
        ...(values.as !== undefined ? { vendor: values.as as BillVendorName } : {}),
        ...(values.scope !== undefined ? { ownScope: values.scope } : {}),
      });
    } catch (error) {
      throw asUsageError(error);
    }
    io.stdout(`The bill check is on for ${account.providerName}. Each check calls:\n${account.endpoints.map((e) => `  ${e}\n`).join('')}`);
    return EXIT.ok;
  });
}

async function disable(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  if (positionals.length !== 1) throw new CliUsageError('give the id of one provider');
  return withCore(values['data-dir'], io, async (core) => {
    await core.services.billCheck.disable(positionals[0]!);
    io.stdout(`The bill check is off for ${positionals[0]}. Figures already fetched are kept.\n`);
    return EXIT.ok;
  });
}

/** The same daily table the Spending screen shows. */
function billText(view: BillCheckView): string {
  const lines = [`${view.providerName}: ${view.monthLabel}, by UTC day as the provider bills; flagged above ${thresholdText(view.thresholdBasisPoints)}`];
  if (view.note) lines.push(view.note);
  for (const balance of view.balances) {
    const amount = balance.currency === 'USD' ? exactUsd(balance.totalNanos) : `${exactUsd(balance.totalNanos).slice(1)} ${balance.currency}`;
    const used = balance.usedNanos !== null && balance.purchasedNanos !== null ? ` (${exactUsd(balance.usedNanos)} used of ${exactUsd(balance.purchasedNanos)})` : '';
    lines.push(`Balance: ${amount}${used}`);
  }
  if (view.accountUsage) {
    const usage = view.accountUsage;
    const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
    lines.push(
      `From ${when(usage.fromMs)} to ${when(usage.toMs)} UTC the account used ${exactUsd(usage.accountUsedNanos)}: ` +
        `${exactUsd(usage.tallychatNanos)} by Tallychat's requests, ${exactUsd(usage.otherAppNanos)} by other apps or keys` +
        `${usage.uncomparedRequests > 0 ? ` (${usage.uncomparedRequests} of Tallychat's requests not priced by OpenRouter yet)` : ''}.`,
    );
  }
  if (view.totals !== null) {
    const rows = [
      ['Day', 'Ledger', 'Billed', 'Difference', '', 'Other apps'],
      ...view.days.map((day) => [
        day.day,
        exactUsd(day.ledgerNanos),
        day.billedNanos === null ? 'not fetched' : exactUsd(day.billedNanos),
        day.differenceNanos === null ? '' : `${signedUsd(day.differenceNanos)}${day.differenceBasisPoints === null ? '' : ` (${percentOfBasisPoints(day.differenceBasisPoints)})`}`,
        day.flagged ? '!' : '',
        day.otherAppNanos === null ? '' : day.otherAppNanos === 0 ? '' : exactUsd(day.otherAppNanos),
      ]),
      ['Total', exactUsd(view.totals.ledgerNanos), exactUsd(view.totals.billedNanos), signedUsd(view.totals.differenceNanos), '', view.totals.otherAppNanos ? exactUsd(view.totals.otherAppNanos) : ''],
    ];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows) lines.push(row.map((cell, column) => (column === 0 || column === 4 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd());
    const flagged = view.days.filter((day) => day.flagged).map((day) => day.day);
    lines.push(
      flagged.length === 0
        ? `No day differs by more than ${thresholdText(view.thresholdBasisPoints)}.`
        : `${flagged.length} ${flagged.length === 1 ? 'day differs' : 'days differ'} by more than ${thresholdText(view.thresholdBasisPoints)}: ${flagged.join(', ')}.`,
    );
    const unpriced = view.days.filter((day) => day.unpricedRequests > 0);
    if (unpriced.length > 0) {
      lines.push(`Requests of unknown price, in no ledger sum above: ${unpriced.map((day) => `${day.day} (${day.unpricedRequests})`).join(', ')}.`);
    }
    if (view.totals.otherAppNanos) lines.push(`Other apps on this account: ${exactUsd(view.totals.otherAppNanos)}, billed but never sent by Tallychat (not counted as drift).`);
  }
  lines.push(view.fetchedAt === null ? 'Not fetched yet.' : `Fetched ${new Date(view.fetchedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC.`);
  return `${lines.join('\n')}\n`;
}
