import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/app/create-core';
import type { ProviderKind } from '../../src/main/core/providers/provider-types';
import type { TallychatEvent } from '../../src/shared/contract/events';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { MemorySecretStore } from './memory-secret-store';

/** A clock that stands still until a test moves it: time-based figures come out exact. */
export interface TestClock {
  (): number;
  advance(ms: number): void;
}

export function frozenClock(startMs: number): TestClock {
  let now = startMs;
  return Object.assign(() => now, {
    advance: (ms: number) => {
      now += ms;
    },
  });
}

/**
 * Ids in the shape of a UUID, numbered in the order they are asked for: a failing run repeats.
 * Cores standing for different devices take different namespaces, as their random ids would differ.
 */
export function sequentialIds(namespace = 0): () => string {
  let next = 0;
  const prefix = String(namespace).padStart(8, '0');
  return () => `${prefix}-0000-4000-8000-${String(++next).padStart(12, '0')}`;
}

export interface TestCore {
  core: Core;
  /** The core's clock, unless the test passed its own. */
  clock: TestClock;
  fake: FakeProvider;
  dataDir: string;
  events: TallychatEvent[];
  addProvider(kind: ProviderKind, options?: { id?: string; name?: string; apiKey?: string }): Promise<string>;
  /** Opens a second core on the same data folder (a restart, or another host). */
  reopen(options?: Partial<CoreOptions>): Core;
  close(): Promise<void>;
}

/** The real core on a temp folder with a fake provider server on loopback; fast retries for tests. */
export async function startTestCore(options: Partial<CoreOptions> = {}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tallychat-core-'));
  const secrets = new MemorySecretStore();
  // Frozen at the moment the test starts, so "this month" is still the month the test runs in.
  const clock = frozenClock(Date.now());
  const coreOptions: CoreOptions = {
    dataDir,
    appVersion: '0.0.0-test',
    host: 'cli',
    secrets,
    clock,
    // One sequence for the core and every reopened one: two cores on one folder never mint the same id.
    newId: sequentialIds(),
    callOptions: { retryBaseDelayMs: 5, maxRetryDelayMs: 50 },
    ...options,
  };
  const core = createCore(coreOptions);
  const fake = await startFakeProvider();
  const events: TallychatEvent[] = [];
  core.events.subscribe((event) => events.push(event));
  const opened: Core[] = [];
  return {
    core,
    clock,
    fake,
    dataDir,
    events,
    addProvider: async (kind, provider = {}) => {
      const id = provider.id ?? kind;
      const openAiStyle = kind !== 'anthropic' && kind !== 'gemini' && kind !== 'ollama';
      const key = provider.apiKey ?? `sk-test-${id}`;
      core.providers.save({
        id,
        kind,
        name: provider.name ?? `Fake ${kind}`,
        baseUrl: openAiStyle ? `${fake.baseUrl}/v1` : fake.baseUrl,
        keyRef: await secrets.write(id, key),
        keyLast4: key.slice(-4),
        enabledModels: [],
        modelSettings: {},
        createdAt: 0,
        updatedAt: 0,
      });
      return id;
    },
    reopen: (extra = {}) => {
      const again = createCore({ ...coreOptions, ...extra });
      opened.push(again);
      return again;
    },
    close: async () => {
      for (const c of opened) await c.close();
      await core.close();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
