import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core/app/create-core';
import type { SecretStore } from '../../src/main/core/secrets/secret-store';
import type { IpcResult, MethodName, RequestOf, ResponseOf } from '../../src/shared/contract';
import { startFakeProvider, type FakeProvider } from '../fake-provider';
import { MemorySecretStore } from '../helpers/memory-secret-store';

export interface SettingsFixture {
  core: Core;
  fake: FakeProvider;
  dataDir: string;
  /** A contract call through the dispatcher, as the renderer makes it. */
  call<M extends MethodName>(method: M, request: RequestOf<M>): Promise<IpcResult<ResponseOf<M>>>;
  /** The same, expecting success. */
  ok<M extends MethodName>(method: M, request: RequestOf<M>): Promise<ResponseOf<M>>;
  close(): Promise<void>;
}

/** The real core on a throwaway data folder, with the fake provider server beside it. */
export async function openSettingsFixture(options: { secrets?: SecretStore; clock?: () => number } = {}): Promise<SettingsFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tallychat-settings-'));
  const core = createCore({
    dataDir,
    appVersion: '0.0.0-test',
    host: 'web',
    secrets: options.secrets ?? new MemorySecretStore(),
    callOptions: { maxRetries: 0 },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const fake = await startFakeProvider();
  const call = (async (method: MethodName, request: unknown) => core.dispatch(method, request)) as SettingsFixture['call'];
  return {
    core,
    fake,
    dataDir,
    call,
    ok: async (method, request) => {
      const result = await call(method, request);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    close: async () => {
      await core.close();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
