import { mkdirSync } from 'node:fs';
import type { Core } from '../../src/main/core/app/create-core';
import type { SyncTiming } from '../../src/main/core/devices/sync-schedule';
import type { FinalStatus } from '../../src/main/core/ledger/ledger-types';
import { nanodollars } from '../../src/shared/money';
import { frozenClock, sequentialIds, startTestCore, type TestClock, type TestCore } from '../helpers/test-core';

/** 2 December 2026, 09:00 UTC: every test month is December 2026. */
export const START = Date.UTC(2026, 11, 2, 9);

export interface TestDevice {
  test: TestCore;
  core: Core;
  clock: TestClock;
  id: string;
  replica: string;
}

/**
 * A device: its own data folder and core, and its copy of the shared sync folder (its own replica
 * when a fake sync engine stands between devices, or one folder they all see at once).
 */
export async function startDevice(
  index: number,
  name: string,
  replica: string,
  options: { compactAfterSegments?: number; deviceSync?: SyncTiming | false; startAt?: number } = {},
): Promise<TestDevice> {
  const { startAt = START, ...coreOptions } = options;
  const clock = frozenClock(startAt);
  const test = await startTestCore({ clock, newId: sequentialIds(index + 1), deviceSync: false, ...coreOptions });
  test.core.settings.set('timeZone', 'UTC');
  mkdirSync(replica, { recursive: true });
  await test.core.services.devices.setFolder(replica);
  const view = test.core.services.devices.rename(name);
  return { test, core: test.core, clock, id: view.thisDevice.id, replica };
}

export interface RowSpec {
  requestId: string;
  status: FinalStatus | 'refused';
  cost: number | null;
  inputTokens: number;
  outputTokens: number;
}

/** Opens a ledger row as pre-flight would; `finish` finalizes it (refused rows are final at once). */
export function openRow(core: Core, spec: RowSpec): () => void {
  const input = {
    id: spec.requestId,
    conversationId: null,
    userMessageId: null,
    providerId: 'openai',
    providerKind: 'openai',
    model: spec.inputTokens % 2 === 0 ? 'gpt-4o' : 'gpt-4o-mini',
    streamed: true,
    estimatedInputTokens: spec.inputTokens,
    reservation: nanodollars(1_000),
    startedAt: core.clock(),
    ownerPid: process.pid,
  };
  if (spec.status === 'refused') {
    core.ledger.refuse(input, 'Over the monthly cap.');
    return () => {};
  }
  core.ledger.open(input);
  const status = spec.status;
  return () =>
    core.ledger.finalize({
      id: spec.requestId,
      status,
      usage: { inputTokens: spec.inputTokens, outputTokens: spec.outputTokens },
      usageSource: 'provider',
      cost: spec.cost === null ? null : nanodollars(spec.cost),
      finishedAt: core.clock() + 500,
      durationMs: 500,
    });
}

export interface Totals {
  requests: number;
  cost: number;
  inputTokens: number;
  outputTokens: number;
}

/** What the ledger holds (final rows), what the daily and conversation rollups hold, and the month's spend. */
export function totalsOf(core: Core): { ledger: Totals; daily: Totals; conversations: Totals; monthSpent: number } {
  const sums = (from: string, count: string) =>
    core.store.sqlite
      .prepare(
        `SELECT COALESCE(${count}, 0) AS requests, COALESCE(SUM(cost_usd_nanos), 0) AS cost,
           COALESCE(SUM(input_tokens), 0) AS inputTokens, COALESCE(SUM(output_tokens), 0) AS outputTokens FROM ${from}`,
      )
      .get() as Totals;
  return {
    ledger: sums("requests WHERE status NOT IN ('pending', 'streaming')", 'COUNT(*)'),
    daily: sums('usage_daily_rollup', 'SUM(requests)'),
    conversations: sums('usage_conversation_rollup', 'SUM(requests)'),
    monthSpent: core.services.budgets.overview().spent,
  };
}
