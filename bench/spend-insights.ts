/**
 * How long the month's forecast, the alert check after each request, cost shares and a what-if
 * take on a ledger of BENCH_ROWS rows (default 1,000,000) over two years: `npx tsx bench/spend-insights.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpendAlerts } from '../src/main/core/alerts/spend-alerts';
import { createCore } from '../src/main/core/app/create-core';
import { costShares } from '../src/main/core/insights/cost-shares';
import { resolvePeriod } from '../src/main/core/reports/report-period';
import { nanodollars } from '../src/shared/money';
import { MemorySecretStore } from '../test/helpers/memory-secret-store';
import { insertLedgerRows, randomRows } from '../test/reports/ledger-fixtures';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const NOW = Date.UTC(2026, 10, 20, 12);
const dir = mkdtempSync(join(tmpdir(), 'tallychat-bench-insights-'));
const core = createCore({ dataDir: dir, appVersion: 'bench', host: 'cli', secrets: new MemorySecretStore(), clock: () => NOW, deviceSync: false });
core.settings.set('timeZone', 'UTC');
insertLedgerRows(core.store.sqlite, randomRows(7, ROWS, NOW - 730 * 86_400_000, NOW, [], true));
core.ledger.rebuildRollup();
core.services.budgets.set({ scope: 'overall', monthlyCap: nanodollars(1_000_000_000_000) });
core.services.budgets.set({ scope: 'model', scopeValue: 'gpt-4o', monthlyCap: nanodollars(1_000_000_000_000) });

function time(label: string, run: () => unknown, times = 20): void {
  run();
  const start = performance.now();
  for (let i = 0; i < times; i++) run();
  console.log(`${label}: ${((performance.now() - start) / times).toFixed(2)} ms`);
}

const alerts = new SpendAlerts({ sqlite: core.store.sqlite, budgets: core.services.budgets, timeZone: () => 'UTC', enabled: () => true, clock: () => NOW, emit: () => {} });
const month = resolvePeriod({ kind: 'this-month' }, NOW, 'UTC');
console.log(`${ROWS.toLocaleString('en-US')} rows, ${month.label}`);
time('forecast view (overall + 2 caps, 20 days)', () => core.services.forecast.view());
time('alert check after a request (caps + 14 trailing days)', () => alerts.afterRequest({ providerId: 'openai', model: 'gpt-4o', at: NOW }));
time('cost shares, this month', () => costShares(core.services.reportDb, month), 5);
time('what-if, this month', () => core.services.whatIf.compute({ period: month, providerId: 'openai', model: 'gpt-4o-mini' }), 5);
await core.close();
rmSync(dir, { recursive: true, force: true });
