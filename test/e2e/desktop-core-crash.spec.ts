import { join } from 'node:path';
import { computeCost } from '../../src/main/core/pricing/compute-cost';
import { countTextTokens } from '../../src/main/core/tokens/count-tokens';
import { pricePerMTok } from '../../src/shared/money';
import { addProviderInSettings, doctorDataDir, expect, ledgerRows, sendMessage, test } from './desktop-support';

test('the core process dies mid-answer: the window says so, the core comes back, and the answer is kept as interrupted with its tokens and cost', async ({
  launch,
  home,
  fake,
}) => {
  const app = await launch();
  const page = await app.window();
  expect(app.utilityProcesses.map((child) => child.serviceName)).toEqual(['Tallychat core']);
  await addProviderInSettings(page, fake);
  const answer = 'An answer that is streaming when the core process dies. '.repeat(60);
  fake.enqueue({ text: answer, deltaChars: 4, delayMs: 30 });
  await sendMessage(page, 'Tell me a long story');
  // Past the core's first checkpoint (every 2 s): the text so far is in the ledger row.
  await expect(page.locator('article[aria-busy="true"]')).toContainText('An answer that');
  await page.waitForTimeout(2600);

  process.kill(app.utilityProcesses[0]!.pid, 'SIGKILL');

  await expect(page.getByRole('alert')).toContainText("Tallychat's core stopped unexpectedly and is restarting.");
  await expect.poll(() => app.utilityProcesses.length).toBe(2);
  const database = join(doctorDataDir(home), 'tallychat.sqlite');
  await expect.poll(() => ledgerRows(database).map((row) => row.status)).toEqual(['interrupted']);
  const row = ledgerRows(database)[0]!;
  // What the dead core had checkpointed is kept and metered: the prompt as pre-flight counted it,
  // the saved text by the tokenizer, priced at the row's frozen prices.
  expect(row.answer!.length).toBeGreaterThan(0);
  expect(answer.startsWith(row.answer!)).toBe(true);
  expect(row.usage_source).toBe('estimated');
  expect(row.input_tokens).toBe(row.estimated_input_tokens);
  expect(row.output_tokens).toBe(countTextTokens('gpt-4o-mini', row.answer!).tokens);
  const cost = computeCost(
    { inputTokens: row.input_tokens!, outputTokens: row.output_tokens! },
    { input: pricePerMTok(row.price_input_usd_nanos_per_mtok!), output: pricePerMTok(row.price_output_usd_nanos_per_mtok!) },
  );
  expect(row.cost_usd_nanos).toBe(cost.total);
  expect(row.cost_usd_nanos).toBeGreaterThan(0);

  // The window rereads after the restart: the answer shows as interrupted, nothing is still spinning.
  const shown = page.getByRole('article', { name: 'Assistant message' });
  await expect(shown).toContainText('interrupted');
  await expect(page.locator('article[aria-busy="true"]')).toHaveCount(0);

  // The new core answers: the next message goes through and is metered.
  fake.enqueue({ text: 'Back again.', deltaChars: 5, delayMs: 5 });
  await sendMessage(page, 'Are you there?');
  await expect(shown.last().locator('.markdown')).toHaveText('Back again.');
  await expect.poll(() => ledgerRows(database).map((row) => row.status)).toEqual(['interrupted', 'completed']);
});
