import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import { startFakeAccounts, type FakeAccounts } from '../fake-accounts/fake-account-server';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { frozenClock, sequentialIds, type TestClock } from '../helpers/test-core';

export const KEYS = { openai: 'sk-admin-openai-0001', anthropic: 'sk-ant-admin01-0002', openrouter: 'sk-or-v1-0003', deepseek: 'sk-deepseek-0004' };

/** 12:00 UTC on 5 November 2026: the month so far is 1–5 November. */
export const NOW = Date.UTC(2026, 10, 5, 12, 0, 0);
export const at = (day: number, hour = 10) => Date.UTC(2026, 10, day, hour, 0, 0);

export interface BillFixture {
  core: Core;
  clock: TestClock;
  accounts: FakeAccounts;
  secrets: MemorySecretStore;
  addProvider(id: string, kind: ProviderKind, apiKey?: string): Promise<void>;
  /** Every row of every bill table and of the ledger, to show a failed fetch changed nothing. */
  snapshot(): string;
  close(): Promise<void>;
}

export async function startBillFixture(): Promise<BillFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tallychat-bill-'));
  const secrets = new MemorySecretStore();
  const clock = frozenClock(NOW);
  const core = createCore({ dataDir, appVersion: '0.0.0-test', host: 'cli', secrets, clock, newId: sequentialIds(), deviceSync: false });
  core.settings.set('timeZone', 'Europe/Berlin');
  const accounts = await startFakeAccounts({ bucketsPerPage: 2, keys: KEYS });
  const base: Record<string, string> = { openai: `${accounts.baseUrl}/v1`, openrouter: `${accounts.baseUrl}/api/v1`, anthropic: accounts.baseUrl, 'openai-compatible': `${accounts.baseUrl}/v1` };
  return {
    core,
    clock,
    accounts,
    secrets,
    addProvider: async (id, kind, apiKey = `sk-chat-${id}`) => {
      core.providers.save({
        id,
        kind,
        name: `My ${id}`,
        baseUrl: base[kind]!,
        keyRef: await secrets.write(id, apiKey),
        keyLast4: null,
        enabledModels: [],
        modelSettings: {},
        createdAt: 0,
        updatedAt: 0,
      });
    },
    snapshot: () =>
      JSON.stringify(
        ['requests', 'bill_fetches', 'bill_costs', 'bill_usage', 'bill_balances', 'bill_generation_costs'].map((table) =>
          core.store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
        ),
      ),
    close: async () => {
      await core.close();
      await accounts.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
