import { join } from 'node:path';
import { addProviderInSettings, doctorDataDir, expect, ledgerRows, sendMessage, test } from './desktop-support';

test('closing the window mid-answer records that answer as cancelled (shutdown) with its tokens and cost, within 3 s', async ({ launch, home, fake }) => {
  const app = await launch();
  const page = await app.window();
  await addProviderInSettings(page, fake);
  const answer = 'A long answer that is still streaming when the user quits. '.repeat(40);
  fake.enqueue({ text: answer, deltaChars: 4, delayMs: 40 });
  await sendMessage(page, 'Tell me a long story');
  await expect(page.locator('article[aria-busy="true"]')).toContainText('A long answer that');

  const closedAt = Date.now();
  app.closeWindow();
  expect(await app.exited).toBe(0);
  expect(Date.now() - closedAt).toBeLessThanOrEqual(3000);

  const rows = ledgerRows(join(doctorDataDir(home), 'tallychat.sqlite'));
  expect(rows.map((row) => [row.status, row.cancel_reason])).toEqual([['cancelled', 'shutdown']]);
  const [row] = rows;
  expect(row!.input_tokens).toBeGreaterThan(0);
  expect(row!.output_tokens).toBeGreaterThan(0);
  expect(row!.output_tokens).toBeLessThan(answer.length / 4);
  expect(row!.cost_usd_nanos).toBeGreaterThan(0);
});
