import { join } from 'node:path';
import { computeCost } from '../../src/main/core/pricing/compute-cost';
import { countTextTokens } from '../../src/main/core/tokens/count-tokens';
import { pricePerMTok } from '../../src/shared/money';
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
  const row = rows[0]!;
  // The partial answer is kept, and metered: the prompt as pre-flight counted it, the text so far
  // by the tokenizer (the provider never sent its final report), priced at the row's frozen prices.
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
});
