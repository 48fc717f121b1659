import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsBefore, useStoresAtVersion } from '../helpers/migrations-up-to';
import { useTempDir } from '../helpers/temp-dir';
import { insertLedgerRows, randomRows } from '../reports/ledger-fixtures';

const tempDir = useTempDir();
const openAt = useStoresAtVersion();

const BEFORE_BILL_CHECK = migrationsBefore('_bill_check');

const NOW = Date.UTC(2026, 10, 20, 11, 0, 0);
const DAY_MS = 86_400_000;


describe('migration of issue 19 (bill check), from the version before it, on a ledger with rows', () => {
  it('adds the bill tables empty and the response id column as unknown, and leaves every ledger row as it was', () => {
    const file = join(tempDir(), 'tallychat.sqlite');
    const old = openAt(file, BEFORE_BILL_CHECK);
    expect(old.schemaVersion).toBe(BEFORE_BILL_CHECK);
    insertLedgerRows(old.sqlite, randomRows(19, 500, NOW - 60 * DAY_MS, NOW, ['c1', 'c2']));
    const before = old.sqlite.prepare('SELECT * FROM requests ORDER BY id').all();
    old.close();

    const store = openAt(file, BEFORE_BILL_CHECK + 1);
    expect(store.schemaVersion).toBe(BEFORE_BILL_CHECK + 1);
    const after = store.sqlite.prepare<[], Record<string, unknown>>('SELECT * FROM requests ORDER BY id').all();
    expect(after.map((row) => row.provider_response_id)).toEqual(before.map(() => null));
    expect(after.map(({ provider_response_id: _id, ...rest }) => rest)).toEqual(before);
    for (const table of ['bill_check_accounts', 'bill_fetches', 'bill_costs', 'bill_usage', 'bill_balances', 'bill_generation_costs']) {
      expect(store.sqlite.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n).toBe(0);
    }
    // A fetch's lines go with it.
    store.sqlite.prepare("INSERT INTO bill_fetches VALUES ('f1', 'openai', 'openai', 1, 0, 86400000)").run();
    store.sqlite.prepare("INSERT INTO bill_costs VALUES ('f1', '1970-01-01', NULL, 'gpt-4o', 'gpt-4o, input', 5)").run();
    store.sqlite.prepare("DELETE FROM bill_fetches WHERE id = 'f1'").run();
    expect(store.sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM bill_costs').get()!.n).toBe(0);
  });
});
