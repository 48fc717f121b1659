import { afterEach, describe, expect, it } from 'vitest';
import { BudgetRefusal } from '../../src/main/core/chat/chat-service';
import { computeCost } from '../../src/main/core/pricing/compute-cost';
import { findCatalogPrice } from '../../src/main/core/pricing/catalog-prices';
import { nanodollars, parseUsd, pricePerMTok } from '../../src/shared/money';
import { startTestCore, type TestCore } from '../helpers/test-core';

let t: TestCore;
afterEach(async () => {
  await t.close();
});

const count = (sql: string) => (t.core.store.sqlite.prepare(sql).get() as { n: number }).n;

describe('budget pre-flight', () => {
  it('refuses over a hard cap before anything is sent, naming the cap, the spend and the estimate', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('openai');
    t.core.budgets.set({ scope: 'overall', monthlyCap: parseUsd('0.01') }, Date.now());
    const send = t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Hello', maxOutputTokens: 2000 });
    await expect(send).rejects.toBeInstanceOf(BudgetRefusal);
    const refusal = (await send.catch((e: unknown) => e)) as BudgetRefusal;
    // 2000 expected output tokens × $10/MTok = $0.02, plus the prompt's few tokens × $2.50/MTok.
    expect(refusal.message).toBe(
      'Overall monthly cap would be exceeded: $0.00 spent of $0.01 in ' +
        `${new Date().toISOString().slice(0, 7)}; this request is estimated at $0.02. Raise the cap, or allow this one request past it.`,
    );
    expect(t.fake.requests).toEqual([]);
    expect(t.core.ledger.get(refusal.requestId)).toMatchObject({ status: 'refused', reservedUsdNanos: 0, costUsdNanos: null, conversationId: null });
    expect(count('SELECT count(*) AS n FROM conversations')).toBe(0);
    expect(count('SELECT count(*) AS n FROM messages')).toBe(0);
  });

  it('lets one request past the cap when the user allows it', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('openai');
    t.core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(0) }, Date.now());
    const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o', text: 'Hello', allowOverCap: true });
    expect((await started.done).status).toBe('completed');
    expect(t.fake.requests).toHaveLength(1);
  });

  it('a model with no known price passes until the cap is reached, then is refused', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('openai');
    t.core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(0) }, Date.now());
    const send = t.core.chat.send({ providerId: provider, model: 'totally-unknown-model-9000', text: 'Hi' });
    await expect(send).rejects.toThrow('Overall monthly cap would be exceeded: $0.00 spent of $0.00');
    t.core.budgets.set({ scope: 'overall', monthlyCap: parseUsd('1') }, Date.now());
    const started = await t.core.chat.send({ providerId: provider, model: 'totally-unknown-model-9000', text: 'Hi' });
    const finished = await started.done;
    expect(finished.costNanos).toBeNull();
    expect(t.core.ledger.get(started.requestId)).toMatchObject({ costUsdNanos: null, priceSource: null, status: 'completed' });
    await (await t.core.chat.send({ providerId: provider, model: 'totally-unknown-model-9000', text: 'Again' })).done;
    // Told once, with where to add the price.
    expect(t.events.filter((e) => e.type === 'price.unknown')).toEqual([
      {
        type: 'price.unknown',
        providerId: provider,
        model: 'totally-unknown-model-9000',
        message:
          'No price is known for totally-unknown-model-9000 on Fake openai: it is metered in tokens with cost "price unknown". Add its price in Settings → Prices.',
      },
    ]);
  });

  it('provider and model caps apply only to their own scope', async () => {
    t = await startTestCore();
    const openai = await t.addProvider('openai', { name: 'OpenAI work' });
    const anthropic = await t.addProvider('anthropic');
    t.core.budgets.set({ scope: 'provider', scopeValue: openai, monthlyCap: nanodollars(1) }, Date.now());
    t.core.budgets.set({ scope: 'model', scopeValue: 'claude-opus-4-1', monthlyCap: nanodollars(1) }, Date.now());
    await expect(t.core.chat.send({ providerId: openai, model: 'gpt-4o', text: 'x' })).rejects.toThrow(/^OpenAI work monthly cap would be exceeded/);
    await expect(t.core.chat.send({ providerId: anthropic, model: 'claude-opus-4-1', text: 'x' })).rejects.toThrow(
      /^claude-opus-4-1 monthly cap would be exceeded/,
    );
    const ok = await t.core.chat.send({ providerId: anthropic, model: 'claude-sonnet-4-5', text: 'x' });
    expect((await ok.done).status).toBe('completed');
  });

  it('20 concurrent requests never reserve more than the remaining room', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('openai');
    const request = { providerId: provider, model: 'gpt-4o', text: 'Hello', maxOutputTokens: 1000 };
    const { estimate: preflight } = await t.core.chat.estimate(request);
    const prices = findCatalogPrice('openai', 'gpt-4o', new Date())!.prices;
    // Each request: a short prompt and 1000 expected output tokens ≈ $0.01; room for 5 and a half.
    const estimate = computeCost({ inputTokens: preflight.inputTokens, outputTokens: 1000 }, prices).total;
    expect(preflight.cost).toBe(estimate);
    const room = nanodollars(estimate * 5 + Math.floor(estimate / 2));
    t.core.budgets.set({ scope: 'overall', monthlyCap: room }, Date.now());
    for (let i = 0; i < 20; i += 1) t.fake.enqueue({ text: 'slow answer', delayMs: 30, usage: { input: 11, output: 3 } });

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => t.core.chat.send(request)),
    );
    const allowed = results.filter((r) => r.status === 'fulfilled');
    expect(allowed).toHaveLength(5);
    const reserved = (
      t.core.store.sqlite.prepare("SELECT SUM(reserved_usd_nanos) AS s FROM requests WHERE status != 'refused'").get() as { s: number }
    ).s;
    expect(reserved).toBe(estimate * 5);
    expect(reserved).toBeLessThanOrEqual(room);
    expect(count("SELECT count(*) AS n FROM requests WHERE status = 'refused'")).toBe(15);
    await Promise.all(allowed.map((r) => (r as PromiseFulfilledResult<{ done: Promise<unknown> }>).value.done));
  });

  it('a strict cap cuts a running answer off at the cap; the partial answer is kept and metered', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('openai');
    t.core.overrides.add(
      { providerId: provider, model: 'pricey', input: pricePerMTok(0), output: pricePerMTok(1_000_000_000_000), cacheRead: null, cacheWrite: null, effectiveFrom: 0 },
      Date.now(),
    );
    // $1,000,000/MTok output = 1,000,000 nanos a token; 10 expected tokens fit, 60 do not.
    t.core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(60_000_000), strict: true }, Date.now());
    t.fake.enqueue({ text: 'token '.repeat(300), deltaChars: 6, delayMs: 5, usage: { input: 5, output: 300 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'pricey', text: 'go', maxOutputTokens: 10 });
    const finished = await started.done;
    expect(finished).toMatchObject({ status: 'cancelled', cancelReason: 'budget' });
    expect(finished.text.length).toBeGreaterThan(0);
    expect(finished.text.length).toBeLessThan('token '.repeat(300).length);
    const row = t.core.ledger.get(started.requestId)!;
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'budget' });
    expect(row.costUsdNanos).toBeGreaterThan(0);
  });

  it('a cap that is not strict lets the running answer finish and blocks the next request', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('openai');
    t.core.overrides.add(
      { providerId: provider, model: 'pricey', input: pricePerMTok(0), output: pricePerMTok(1_000_000_000_000), cacheRead: null, cacheWrite: null, effectiveFrom: 0 },
      Date.now(),
    );
    t.core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(60_000_000) }, Date.now());
    t.fake.enqueue({ text: 'token '.repeat(300), deltaChars: 6, usage: { input: 5, output: 300 } });
    const started = await t.core.chat.send({ providerId: provider, model: 'pricey', text: 'go', maxOutputTokens: 10 });
    expect(await started.done).toMatchObject({ status: 'completed', costNanos: 300_000_000 });
    await expect(t.core.chat.send({ providerId: provider, model: 'pricey', text: 'again', maxOutputTokens: 10 })).rejects.toBeInstanceOf(
      BudgetRefusal,
    );
    const alerts = t.events.filter((e) => e.type === 'spend.alert');
    expect(alerts).toEqual([
      {
        type: 'spend.alert',
        alert: {
          kind: 'reached',
          title: 'Overall monthly cap reached',
          body: expect.stringMatching(/^\$0\.30 spent of \$0\.06 in \d{4}-\d{2}\. Requests past it are refused unless you allow them or raise the cap\.$/),
          label: 'Overall monthly cap',
          month: expect.any(String),
          spentNanos: 300_000_000,
          capNanos: 60_000_000,
          percentUsed: 500,
        },
      },
    ]);
  });

  it('warns once per cap per month', async () => {
    t = await startTestCore();
    const provider = await t.addProvider('openai');
    t.core.overrides.add(
      { providerId: provider, model: 'm', input: pricePerMTok(0), output: pricePerMTok(1_000_000_000_000), cacheRead: null, cacheWrite: null, effectiveFrom: 0 },
      Date.now(),
    );
    t.core.budgets.set({ scope: 'overall', monthlyCap: nanodollars(100_000_000), warnAtPercent: 50 }, Date.now());
    for (const text of ['a', 'b', 'c']) {
      t.fake.enqueue({ text: 'x', usage: { input: 1, output: 20 } });
      await (await t.core.chat.send({ providerId: provider, model: 'm', text, maxOutputTokens: 1 })).done;
    }
    // 20, 40, 60 of 100 (µ$): the 50% threshold is crossed by the third request, and reported once.
    expect(t.events.flatMap((e) => (e.type === 'spend.alert' && e.alert.kind === 'warning' ? [[e.alert.kind, e.alert.percentUsed]] : []))).toEqual([
      ['warning', 60],
    ]);
    t.fake.enqueue({ text: 'x', usage: { input: 1, output: 20 } });
    await (await t.core.chat.send({ providerId: provider, model: 'm', text: 'd', maxOutputTokens: 1 })).done;
    expect(t.events.filter((e) => e.type === 'spend.alert')).toHaveLength(1);
  });
});
