import { mkdirSync } from 'node:fs';
import { createCore } from '../../src/main/core/app/create-core';
import { nanodollars } from '../../src/shared/money';
import { MemorySecretStore } from '../helpers/memory-secret-store';
import { insertLedgerRows } from '../reports/ledger-fixtures';

const DAY_MS = 86_400_000;

/**
 * The scripted month both hosts' specs play, priced at the catalog's gpt-4o-mini (USD 0.15 in,
 * 0.60 out per million tokens): "today" is 2026-03-20 (UTC), the 14 days before it cost
 * USD 0.00025 each (March so far: 0.0035), and the overall cap is USD 0.01, warned at half.
 * Each message the fake answers with 2,000 input and 1,500 output tokens costs USD 0.0012; one
 * of 1,000 in and 5,000 out costs 0.00315.
 *   1st message: today 0.0012, over 3x the usual 0.00025 → the unusual day; month 0.0047 (47%).
 *   2nd: month 0.0059 (59%) → the warning.  3rd: month 0.0071: nothing new.
 *   4th (1,000 in, 5,000 out): month 0.01025 → the cap is reached.
 */
export const SCRIPTED_NOW = Date.UTC(2026, 2, 20, 12);
export const REGULAR_USAGE = { input: 2_000, output: 1_500 };
export const LARGE_USAGE = { input: 1_000, output: 5_000 };

export const EXPECTED_NOTIFICATIONS = {
  anomaly: {
    title: 'Unusual spending today',
    body: '$0.0012 spent on 2026-03-20, more than 3× the usual $0.00025 a day (the median of the 14 days before).',
  },
  warning: { title: 'Overall monthly cap: 59% used', body: '$0.0059 spent of $0.01 in 2026-03; you asked to be warned at 50%.' },
  reached: {
    title: 'Overall monthly cap reached',
    body: '$0.0102 spent of $0.01 in 2026-03. Requests past it are refused unless you allow them or raise the cap.',
  },
};

/** The provider the specs chat with: the fake server, its key read from this variable of the app's environment. */
export const FAKE_KEY_VARIABLE = 'TALLYCHAT_SPEC_FAKE_KEY';

/** A clock that starts at the scripted moment and runs on, for a host the test starts itself. */
export function scriptedClock(): () => number {
  const started = Date.now();
  return () => SCRIPTED_NOW + (Date.now() - started);
}

/**
 * Writes the month's first 19 days and the cap into the data folder, before the app opens it,
 * and, given the fake server's address, a provider on it with gpt-4o-mini enabled.
 */
export async function seedScriptedMonth(dataDir: string, fakeBaseUrl?: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const core = createCore({ dataDir, appVersion: 'test', host: 'cli', secrets: new MemorySecretStore(), clock: () => SCRIPTED_NOW, deviceSync: false });
  try {
    core.services.general.setTimeZone('UTC');
    insertLedgerRows(
      core.store.sqlite,
      Array.from({ length: 14 }, (_, i) => ({
        id: `usual-${i}`,
        startedAt: SCRIPTED_NOW - (i + 1) * DAY_MS,
        providerId: 'earlier',
        model: 'gpt-4o-mini',
        status: 'completed' as const,
        inputTokens: 1_000,
        outputTokens: 166,
        cost: 250_000,
      })),
    );
    core.ledger.rebuildRollup();
    core.services.budgets.set({ scope: 'overall', monthlyCap: nanodollars(10_000_000), warnAtPercent: 50 });
    if (fakeBaseUrl === undefined) return;
    core.providers.save({
      id: 'fake-openai',
      kind: 'openai',
      name: 'Fake OpenAI',
      baseUrl: `${fakeBaseUrl}/v1`,
      keyRef: `env:${FAKE_KEY_VARIABLE}`,
      keyLast4: null,
      enabledModels: ['gpt-4o-mini'],
      modelSettings: {},
      createdAt: SCRIPTED_NOW,
      updatedAt: SCRIPTED_NOW,
    });
  } finally {
    await core.close();
  }
}
