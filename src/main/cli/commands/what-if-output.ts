import type { WhatIfPricesView, WhatIfView } from '../../../shared/contract/insights-contract';
import { formatUsdForDisplay } from '../../../shared/format-money';
import { formatUsd, nanodollars } from '../../../shared/money';

/** `tallychat report --what-if-model`: the period's models beside the same tokens on the chosen one. */
export function formatWhatIf(view: WhatIfView): string {
  const header = ['Provider', 'Model', 'Requests', 'Actual', `On ${view.model}`];
  const money = (n: number) => formatUsdForDisplay(nanodollars(n));
  const actual = (n: number, unpriced: number) => `${money(n)}${unpriced ? ` (+${unpriced} unpriced)` : ''}`;
  const rows = view.rows.map((r) => [r.providerName, r.model, String(r.requests), actual(r.actualNanos, r.unpricedRequests), money(r.whatIfNanos)]);
  const total = ['Total', '', String(view.totals.requests), actual(view.totals.actualNanos, view.totals.unpricedRequests), money(view.totals.whatIfNanos)];
  const table = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
  return (
    `What if ${view.period.label} (${view.period.timeZone}) had gone to ${view.model} on ${view.providerName}, at ${describePrices(view.prices)}:\n` +
    `${lines.join('\n')}\n` +
    'Rows keep their own costs: nothing in the ledger was changed.\n'
  );
}

function describePrices(prices: WhatIfPricesView): string {
  const perMTok = (n: number) => `$${formatUsd(nanodollars(n)).replace(/\.?0+$/, '')}/MTok`;
  const parts = [`input ${perMTok(prices.inputPerMTokNanos)}`, `output ${perMTok(prices.outputPerMTokNanos)}`];
  if (prices.cacheReadPerMTokNanos !== null) parts.push(`cached input ${perMTok(prices.cacheReadPerMTokNanos)}`);
  if (prices.cacheWritePerMTokNanos !== null) parts.push(`cache writes ${perMTok(prices.cacheWritePerMTokNanos)}`);
  const from = prices.source === 'typed' ? 'the prices given' : prices.source === 'override' ? 'your price override' : `today's catalog price (${prices.detail})`;
  return `${from}: ${parts.join(', ')}`;
}
