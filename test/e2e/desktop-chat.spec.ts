import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatUsdForDisplay } from '../../src/shared/format-money';
import { nanodollars } from '../../src/shared/money';
import { PROVIDER_ADD_CHANNEL, PROVIDER_KEY, addProviderInSettings, doctorDataDir, expect, ledgerRows, sendMessage, test } from './desktop-support';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('on an empty home the app keeps its ledger where `tallychat doctor` looks, and a message costs in the window what the ledger says', async ({
  launch,
  home,
  fake,
}) => {
  const app = await launch();
  const page = await app.window();
  await addProviderInSettings(page, fake);

  fake.enqueue({ text: 'Hello from the desktop app.', deltaChars: 5, delayMs: 5 });
  await sendMessage(page, 'Say hello');
  const answer = page.getByRole('article', { name: 'Assistant message' });
  await expect(answer.locator('.markdown')).toHaveText('Hello from the desktop app.');

  const database = join(doctorDataDir(home), 'tallychat.sqlite');
  await expect.poll(() => ledgerRows(database).map((row) => row.status)).toEqual(['completed']);
  const [row] = ledgerRows(database);
  expect(row!.cost_usd_nanos).toBeGreaterThan(0);
  await expect(answer.getByRole('group', { name: 'Request details' }).getByTitle('Cost')).toHaveText(formatUsdForDisplay(nanodollars(row!.cost_usd_nanos!)));
  expect(fake.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.headers.authorization)).toEqual([`Bearer ${PROVIDER_KEY}`]);

  // The key crossed IPC once, inward, when it was typed; nothing main sent back carries it.
  expect(app.ipcFrames.filter((frame) => frame.json.includes(PROVIDER_KEY)).map((frame) => `${frame.direction} ${frame.channel}`)).toEqual([
    `invoke ${PROVIDER_ADD_CHANNEL}`,
  ]);
  expect(app.ipcFrames.filter((frame) => frame.direction !== 'invoke' && frame.json.includes(PROVIDER_KEY.slice(0, -4)))).toEqual([]);
  // No file in the home folder (ledger, WAL, key file) holds it: safeStorage encrypted it.
  const holding = filesUnder(home).filter((file) => statSync(file).isFile() && readFileSync(file).includes(PROVIDER_KEY));
  expect(holding).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});
