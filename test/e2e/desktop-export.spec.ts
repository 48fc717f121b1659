import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { insertLedgerRows, randomRows } from '../reports/ledger-fixtures';
import { doctorDataDir, expect, test } from './desktop-support';

test('a CSV export is saved where the user chose, written by the core: the text never crosses IPC', async ({ launch, home }) => {
  const target = join(home, 'spend.csv');
  const app = await launch({ env: { ELECTRON_STAND_IN_SAVE_AS: target } });
  const page = await app.window();
  await expect(page.getByRole('heading', { name: 'No conversations yet' })).toBeVisible();
  // Requests of the last ten minutes: this month's, whatever the day.
  const ledger = new Database(join(doctorDataDir(home), 'tallychat.sqlite'));
  insertLedgerRows(ledger, randomRows(11, 240, Date.now() - 600_000, Date.now()));
  ledger.close();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Spending' }).click();
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(`Saved 240 rows to ${target}`, { timeout: 30_000 });

  expect(app.saveDialogs).toEqual([{ defaultPath: expect.stringMatching(/^tallychat-\d{4}-\d{2}-01-to-\d{4}-\d{2}-\d{2}-by-request\.csv$/), chosen: target }]);
  const saved = readFileSync(target, 'utf8');
  const download = await page.evaluate(() => window.tallychat.spendingExportCsv({ period: { kind: 'this-month' }, groupBy: 'request', bom: true }));
  expect(download.ok && download.value.rows).toBe(240);
  // The same bytes as the download browser mode makes.
  expect(saved).toBe(download.ok ? download.value.csv : '');
  const saveFrames = app.ipcFrames.filter((frame) => frame.channel === 'tallychat:spendingExportCsvSave');
  expect(saveFrames.map((frame) => frame.direction)).toEqual(['invoke', 'reply']);
  expect(saveFrames[1]!.json).toBe(JSON.stringify({ result: { ok: true, value: { status: 'saved', file: target, rows: 240 } } }));
});
