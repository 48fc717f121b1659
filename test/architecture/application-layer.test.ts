import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : []))
    .map((file) => file.replaceAll('\\', '/'));
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g;
const importsOf = (text: string) => [...text.matchAll(IMPORT)].map((m) => m[1]!);

/** `.get(…) as Row` or `.all(…) as Row[]`: a raw SQL row given a type by assertion. */
const ROW_CAST = /\.(?:get|all)\((?:[^()]|\([^()]*\))*\)\s*as\s/g;

/** The modules that own their tables' rows: the stores, the ledger, and the reports' typed read handle. */
const ROW_OWNERS = new Set([
  'src/main/core/budgets/budget-store.ts',
  'src/main/core/conversations/conversation-store.ts',
  'src/main/core/price-overrides/price-override-store.ts',
  'src/main/core/provider-config/provider-store.ts',
  'src/main/core/ledger/request-ledger.ts',
  'src/main/core/ledger/usage-rollup.ts',
  'src/main/core/ledger/ledger-sums.ts',
  'src/main/core/reports/report-db.ts',
  // These two read SQLite's own catalogue (sqlite_master, pragma results), before the schema is known.
  'src/main/core/db/foreign-database.ts',
  'src/main/core/db/integrity-check.ts',
  // Sync's side of the ledger (rows to export, rows imported) and the sync_devices table.
  'src/main/core/devices/device-ledger.ts',
  'src/main/core/devices/device-registry.ts',
]);

describe('one application layer', () => {
  const all = sourceFiles('src');

  it('monthRangeAt is called by the budget service and the calendar code only', () => {
    const callers = all.filter((file) => /\bmonthRangeAt\(/.test(readFileSync(file, 'utf8')));
    // time-slots walks the calendar's month boundaries to cut a period into chart buckets.
    expect(callers.sort()).toEqual([
      'src/main/core/budgets/budget-service.ts',
      'src/main/core/reports/time-slots.ts',
      'src/main/core/time/zoned-calendar.ts',
    ]);
  });

  it('CLI commands import no store, no ledger and no database driver, and hold no SQL', () => {
    const commands = sourceFiles('src/main/cli');
    expect(commands.length).toBeGreaterThan(10);
    const offenders = commands.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const imports = importsOf(text)
        .filter((spec) => /(budgets|conversations|price-overrides|provider-config|settings)\/[\w-]+-store$|\/ledger\/|\/db\/schema$|^better-sqlite3$|^drizzle-orm|\/budgets\/cap-status$|\/price-overrides\//.test(spec))
        .map((spec) => `${file} imports ${spec}`);
      const sql = /\.prepare\(|\.sqlite\b|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s/.test(text) ? [`${file} holds SQL`] : [];
      return [...imports, ...sql];
    });
    expect(offenders).toEqual([]);
  });

  it('no raw SQL row is cast to a type outside the modules that own those rows', () => {
    const offenders = all.filter((file) => !ROW_OWNERS.has(file) && ROW_CAST.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the renderer subscribes to main\'s events in one place, which invalidates the query cache', () => {
    const subscribers = sourceFiles('src/renderer').filter((file) => /\.onEvent\(/.test(readFileSync(file, 'utf8')));
    expect(subscribers).toEqual(['src/renderer/src/api/server-events.ts']);
    // Server state lives in the query cache, not in hand-kept counters.
    const counters = sourceFiles('src/renderer').filter((file) => /\b(generation|spendVersion|recentlyFinished|reads)\b\s*[:+]/.test(readFileSync(file, 'utf8')));
    expect(counters).toEqual([]);
  });

  it('the checks above would catch what they look for', () => {
    expect('const row = db.prepare(sql).get(id) as { n: number };').toMatch(ROW_CAST);
    expect("x.all({ a: f(1) }) as Row[]").toMatch(ROW_CAST);
    expect(importsOf("import { BudgetStore } from '../../core/budgets/budget-store';")).toEqual(['../../core/budgets/budget-store']);
  });
});
