import { afterEach, describe, expect, it } from 'vitest';
import type { CostSharesView, CostlyConversationsView } from '../../src/shared/contract/insights-contract';
import { pricePerMTok } from '../../src/shared/money';
import { frozenClock, startTestCore, type TestCore } from '../helpers/test-core';
import { insertLedgerRows } from '../reports/ledger-fixtures';

const NOW = Date.UTC(2026, 10, 20, 12);

let t: TestCore | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function value<T>(result: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.value as T;
}

describe('where the money goes', () => {
  it('splits each row at its frozen prices into input, cached input, cache writes, output, reasoning and per-call fees, adding up to what it was charged', async () => {
    t = await startTestCore({ clock: frozenClock(NOW) });
    t.core.services.general.setTimeZone('UTC');
    insertLedgerRows(t.core.store.sqlite, [
      // 10,000 in (6,000 cached read at 0.30, 1,000 written at 3.75, 3,000 fresh at 3.00) and 2,000 out (500 reasoning) at 15.00:
      // 0.009 + 0.0018 + 0.00375 + 0.03 = USD 0.04455, of which reasoning 500 × 15 = 0.0075.
      {
        id: 'a', startedAt: NOW - 1000, providerId: 'anthropic', model: 'claude-sonnet-4', status: 'completed',
        inputTokens: 10_000, cachedInputTokens: 6_000, cacheWriteTokens: 1_000, outputTokens: 2_000, reasoningTokens: 500,
        priceInput: 3_000_000_000, priceOutput: 15_000_000_000, priceCacheRead: 300_000_000, cost: 44_550_000,
      },
      // No cache prices of its own on the row: cache writes cost the input price.
      { id: 'b', startedAt: NOW - 900, providerId: 'openai', model: 'gpt-4o', status: 'completed', inputTokens: 1_000, outputTokens: 100, priceInput: 2_500_000_000, priceOutput: 10_000_000_000, cost: 3_500_000 },
      { id: 'c', startedAt: NOW - 800, providerId: 'openai', model: 'mystery', status: 'completed', inputTokens: 50, outputTokens: 5, cost: null },
      { id: 'd', startedAt: NOW - 700, providerId: 'openai', model: 'gpt-4o', status: 'refused', error: 'cap' },
      // 1,000 in and 100 out at 1.00, a USD 0.005 request fee and two searches at USD 0.005: 0.0011 + 0.005 + 0.01.
      { id: 'e', startedAt: NOW - 600, providerId: 'perplexity', model: 'sonar', status: 'completed', inputTokens: 1_000, outputTokens: 100, priceInput: 1_000_000_000, priceOutput: 1_000_000_000, cost: 16_100_000 },
      // 2,000 in, of which 1,000 written to the 1-hour cache at 6.00 and 1,000 fresh at 3.00: 0.006 + 0.003.
      { id: 'f', startedAt: NOW - 500, providerId: 'anthropic', model: 'claude-sonnet-4', status: 'completed', inputTokens: 2_000, cacheWriteTokens: 1_000, outputTokens: 0, priceInput: 3_000_000_000, priceOutput: 15_000_000_000, cost: 9_000_000 },
    ]);
    t.core.store.sqlite.prepare("UPDATE requests SET price_cache_write_usd_nanos_per_mtok = 3750000000 WHERE id = 'a'").run();
    t.core.store.sqlite
      .prepare("UPDATE requests SET request_calls = 1, request_fee_usd_nanos = 5000000, web_search_calls = 2, web_search_fee_usd_nanos = 10000000 WHERE id = 'e'")
      .run();
    t.core.store.sqlite
      .prepare("UPDATE requests SET cache_write_1h_tokens = 1000, cache_write_5m_tokens = 0, price_cache_write_1h_usd_nanos_per_mtok = 6000000000 WHERE id = 'f'")
      .run();
    t.core.ledger.rebuildRollup();
    const view = await value<CostSharesView>(t.core.dispatch('spendingCostShares', { period: { kind: 'this-month' } }));
    expect(view.shares.map((s) => [s.component, s.label, s.costNanos, s.shareBasisPoints])).toEqual([
      ['input', 'Input', 9_000_000 + 2_500_000 + 1_000_000 + 3_000_000, 2119],
      ['cachedInput', 'Cached input', 1_800_000, 246],
      ['cacheWrite', 'Cache writes', 3_750_000 + 6_000_000, 1333],
      ['output', 'Output', 22_500_000 + 1_000_000 + 100_000, 3226],
      ['reasoning', 'Reasoning', 7_500_000, 1025],
      ['requestFees', 'Request fees', 5_000_000, 684],
      ['searchFees', 'Search fees', 10_000_000, 1367],
    ]);
    expect(view).toMatchObject({ totalNanos: 44_550_000 + 3_500_000 + 16_100_000 + 9_000_000, pricedRequests: 4, unpricedRequests: 1 });
  });

  it('lists the conversations whose next message costs most, with the composer\'s own estimate of it', async () => {
    t = await startTestCore({ clock: frozenClock(NOW) });
    const provider = await t.addProvider('openai');
    t.core.overrides.add(
      { providerId: provider, model: 'gpt-4o-mini', input: pricePerMTok(150_000_000), output: pricePerMTok(600_000_000), cacheRead: null, cacheWrite: null, effectiveFrom: 0 },
      0,
    );
    const conversations: string[] = [];
    for (const [turns, words] of [[1, 20], [3, 400], [2, 50]] as const) {
      let conversationId: string | undefined;
      for (let turn = 0; turn < turns; turn++) {
        t.fake.enqueue({ text: 'answer '.repeat(words), usage: { input: 100 * (turn + 1) * words, output: words } });
        const started = await t.core.chat.send({ providerId: provider, model: 'gpt-4o-mini', text: 'word '.repeat(words), ...(conversationId ? { conversationId } : {}) });
        conversationId = started.conversationId;
        await started.done;
      }
      conversations.push(conversationId!);
    }
    const view = await value<CostlyConversationsView>(t.core.dispatch('spendingCostlyConversations', { limit: 2 }));
    expect(view.rows.map((r) => r.conversationId)).toEqual([conversations[1], conversations[2]]);
    for (const row of view.rows) {
      const estimate = await value<{ costNanos: number; inputTokens: number }>(
        t.core.dispatch('chatEstimate', { providerId: provider, model: 'gpt-4o-mini', conversationId: row.conversationId, text: '' }),
      );
      expect(row).toMatchObject({ nextMessageNanos: estimate.costNanos, promptTokens: estimate.inputTokens, model: 'gpt-4o-mini' });
    }
  });
});
